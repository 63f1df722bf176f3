/* sti-tls-rpt.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-tls-rpt.h"

#include "sti-dns-rdata.h"
#include "sti-finding.h"
#include "sti-text.h"

#include <string.h>

/* The TLS-RPT record (RFC 8460 §3) as a sender reads it: records not
 * starting with `v=TLSRPTv1` are discarded, exactly one must remain, it
 * must follow the grammar and name at least one usable `rua` URI.
 *
 * The tls-rpt-* finding ids, their severities and the reasons for them are
 * in the finding registry (resources/findings/tls-rpt.findings.xml).
 */

G_DEFINE_BOXED_TYPE (StiTlsRptRecord, sti_tls_rpt_record,
                     sti_tls_rpt_record_ref, sti_tls_rpt_record_unref)

static void
record_clear (StiTlsRptRecord *record)
{
  g_strfreev (record->rua);
  g_free (record->text);
}

StiTlsRptRecord *
sti_tls_rpt_record_ref (StiTlsRptRecord *record)
{
  return g_atomic_rc_box_acquire (record);
}

void
sti_tls_rpt_record_unref (StiTlsRptRecord *record)
{
  g_atomic_rc_box_release_full (record, (GDestroyNotify)record_clear);
}

static gboolean
is_wsp (char c)
{
  return c == ' ' || c == '\t';
}

static gboolean
is_hostname (const char *host)
{
  gsize len = strlen (host);

  if (len == 0 || len > 253 || host[0] == '.' || host[len - 1] == '.')
    return FALSE;

  for (const char *p = host; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '-' && *p != '.')
        return FALSE;
      if (*p == '.' && p[1] == '.')
        return FALSE;
    }

  return strchr (host, '.') != NULL;
}

/* Returns NULL if @uri is usable, else the reason word. */
static const char *
check_uri (const char *uri)
{
  g_autofree char *scheme = g_uri_parse_scheme (uri);

  if (scheme == NULL)
    return "not-a-uri";

  if (g_ascii_strcasecmp (scheme, "mailto") == 0)
    {
      const char *addr = uri + strlen ("mailto:");
      g_autofree char *unescaped = NULL;
      const char *at;
      gsize addr_len = strcspn (addr, "?");
      g_autofree char *domain = NULL;

      unescaped = g_uri_unescape_segment (addr, addr + addr_len, NULL);
      if (unescaped == NULL)
        return "bad-escape";
      at = strrchr (unescaped, '@');
      if (at == NULL || at == unescaped)
        return "bad-mailbox";
      for (const char *p = unescaped; p < at; p++)
        {
          if ((guchar)*p <= 0x20 || (guchar)*p >= 0x7f || *p == ',' || *p == ';')
            return "bad-mailbox";
        }
      domain = g_strdup (at + 1);
      if (!is_hostname (domain))
        return "bad-mailbox";
      return NULL;
    }

  if (g_ascii_strcasecmp (scheme, "https") == 0)
    {
      g_autoptr(GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
      const char *host;

      if (parsed == NULL)
        return "malformed-https";
      host = g_uri_get_host (parsed);
      if (host == NULL || host[0] == '\0')
        return "malformed-https";
      if (!is_hostname (host) && !g_hostname_is_ip_address (host))
        return "malformed-https";
      return NULL;
    }

  if (g_ascii_strcasecmp (scheme, "http") == 0)
    return "not-https";

  return "unsupported-scheme";
}

/* The fields after "v=TLSRPTv1". Fills @uris; returns FALSE and sets
 * @reason on a grammar error. */
static gboolean
parse_fields (const char  *p,
              const char  *end,
              GPtrArray   *uris,
              const char **reason)
{
  gboolean have_rua = FALSE;
  const char *name;
  gsize name_len;

  while (sti_dns_txt_next_field (&p, end, &name, &name_len, reason))
    {
      const char *value;

      if (name_len == 3 && memcmp (name, "rua", 3) == 0)
        {
          if (have_rua)
            {
              *reason = "duplicate-rua";
              return FALSE;
            }
          have_rua = TRUE;
          p++;

          /* tlsrpt-rua = %s"rua=" tlsrpt-uri *(*WSP "," *WSP tlsrpt-uri) */
          for (;;)
            {
              value = p;
              while (p < end && *p != ',' && *p != ';' && !is_wsp (*p))
                p++;
              if (p == value)
                {
                  *reason = "empty-uri";
                  return FALSE;
                }
              g_ptr_array_add (uris, g_strndup (value, p - value));

              {
                const char *q = p;

                while (q < end && is_wsp (*q))
                  q++;
                if (q < end && *q == ',')
                  {
                    q++;
                    while (q < end && is_wsp (*q))
                      q++;
                    p = q;
                    continue;
                  }
              }
              break;
            }
        }
      else if (!sti_dns_txt_skip_extension (name, &p, end, reason))
        return FALSE;
    }
  if (*reason != NULL)
    return FALSE;

  if (!have_rua)
    {
      *reason = "missing-rua";
      return FALSE;
    }

  return TRUE;
}

/**
 * sti_tls_rpt_record_parse:
 * @txt_rdata: (element-type GBytes): the raw rdata of every TXT record at
 *   `_smtp._tls.<domain>` as the resolver returned it
 * @domain: (nullable): the domain, for the `fix_record` parameter
 * @findings_out: (element-type StiFinding): where findings are appended
 *
 * Returns: (transfer full) (nullable): the record when senders would use
 *   it (at least one usable rua URI), else %NULL
 */
StiTlsRptRecord *
sti_tls_rpt_record_parse (GPtrArray  *txt_rdata,
                          const char *domain,
                          GPtrArray  *findings_out)
{
  g_autoptr(GPtrArray) records = sti_dns_rdata_select_txt (txt_rdata, "v=TLSRPTv1");
  g_autoptr(GPtrArray) uris = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GStrvBuilder) good = g_strv_builder_new ();
  g_autofree char *fix = NULL;
  g_autofree char *text = NULL;
  const char *reason = NULL;
  StiTlsRptRecord *record;
  const char *data;
  guint n_good = 0;
  gsize len;

  if (domain != NULL)
    fix = sti_tls_rpt_suggest_record (domain, NULL);

  if (records->len == 0)
    {
      g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);

      if (fix != NULL)
        g_variant_dict_insert (&dict, "fix_record", "s", fix);
      sti_findings_add (findings_out, "tls-rpt-record-missing", g_variant_dict_end (&dict),
                        "No TXT record starting with v=TLSRPTv1");
      return NULL;
    }

  if (records->len > 1)
    {
      g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
      g_auto(GStrv) texts = sti_dns_txt_dup_sanitized (records);
      g_autofree char *joined = g_strjoinv (" | ", texts);
      g_autofree char *detail = NULL;
      g_variant_dict_insert (&dict, "records", "^as", texts);
      g_variant_dict_insert (&dict, "count", "x", (gint64)records->len);
      detail = g_strdup_printf ("%u v=TLSRPTv1 records: %s", records->len, joined);
      sti_findings_add (findings_out, "tls-rpt-multiple-records", g_variant_dict_end (&dict),
                        detail);
      return NULL;
    }

  data = g_bytes_get_data (g_ptr_array_index (records, 0), &len);
  text = sti_text_sanitize_bytes (g_ptr_array_index (records, 0));

  reason = sti_dns_txt_check_printable (data, len);
  if (reason == NULL)
    parse_fields (data + 10, data + len, uris, &reason);

  if (reason == NULL)
    {
      for (guint i = 0; i < uris->len; i++)
        {
          const char *uri = g_ptr_array_index (uris, i);
          const char *why = check_uri (uri);
          g_autofree char *clean = sti_text_sanitize_str (uri);

          if (why == NULL)
            {
              g_strv_builder_add (good, clean);
              n_good++;
            }
          else
            {
              g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
              g_autofree char *detail = g_strdup_printf ("Unusable rua URI (%s): %s", why, clean);

              g_variant_dict_insert (&dict, "uri", "s", clean);
              g_variant_dict_insert (&dict, "reason", "s", why);
              sti_findings_add (findings_out, "tls-rpt-bad-uri", g_variant_dict_end (&dict),
                                detail);
            }
        }
      if (n_good == 0)
        reason = "no-usable-rua";
    }

  if (reason != NULL)
    {
      g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
      g_autofree char *detail = g_strdup_printf ("Invalid TLS-RPT record (%s): %s", reason, text);

      g_variant_dict_insert (&dict, "record", "s", text);
      g_variant_dict_insert (&dict, "reason", "s", reason);
      if (fix != NULL)
        g_variant_dict_insert (&dict, "fix_record", "s", fix);
      sti_findings_add (findings_out, "tls-rpt-invalid", g_variant_dict_end (&dict), detail);
      return NULL;
    }

  record = g_atomic_rc_box_new0 (StiTlsRptRecord);
  record->rua = g_strv_builder_end (good);
  record->text = g_steal_pointer (&text);

  return record;
}

/**
 * sti_tls_rpt_suggest_record:
 * @domain: the domain
 * @mailbox: (nullable): where reports go; %NULL for `tls-reports@<domain>`
 *
 * Returns: (transfer full): the record in zone-file form:
 *   `_smtp._tls.example.org. IN TXT "v=TLSRPTv1; rua=mailto:tls-reports@example.org"`
 */
char *
sti_tls_rpt_suggest_record (const char *domain,
                            const char *mailbox)
{
  g_autofree char *name = NULL;
  g_autofree char *box = NULL;
  gsize len;

  g_return_val_if_fail (domain != NULL, NULL);

  len = strlen (domain);
  if (len > 1 && domain[len - 1] == '.')
    len--;
  name = g_ascii_strdown (domain, len);
  box = mailbox != NULL ? g_strdup (mailbox) : g_strdup_printf ("tls-reports@%s", name);

  return g_strdup_printf ("_smtp._tls.%s. IN TXT \"v=TLSRPTv1; rua=mailto:%s\"", name, box);
}
