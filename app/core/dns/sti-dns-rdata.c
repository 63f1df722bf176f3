/* sti-dns-rdata.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-dns-rdata.h"

#include "sti-text.h"

#include <glib/gi18n.h>
#include <string.h>

/* RFC 1035 §3.1: at most 255 octets on the wire, labels of at most 63. */
#define MAX_NAME_WIRE_LEN 255
#define MAX_LABEL_LEN     63

static gboolean
fail (GError     **error,
      const char  *message)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, message);
  return FALSE;
}

static void
append_label_byte (GString *str,
                   guint8   c)
{
  switch (c)
    {
    /* Characters with a meaning in zone files (RFC 1035 §5.1). */
    case '.': case '\\': case '"': case ';': case '(': case ')': case '@': case '$':
      g_string_append_c (str, '\\');
      g_string_append_c (str, (char)c);
      break;

    default:
      if (c > 0x20 && c < 0x7f)
        g_string_append_c (str, (char)c);
      else
        g_string_append_printf (str, "\\%03u", c);
    }
}

/**
 * sti_dns_rdata_parse_name:
 * @data: wire data
 * @len: length of @data
 * @offset: (inout): where the name starts; on success, just after it
 * @error: return location for a #GError
 *
 * Decodes one uncompressed domain name. Compression pointers never appear
 * in the rdata libunbound hands out; one here is rejected rather than
 * followed.
 *
 * Returns: (transfer full) (nullable): the name in presentation form
 */
char *
sti_dns_rdata_parse_name (const guint8  *data,
                          gsize          len,
                          gsize         *offset,
                          GError       **error)
{
  g_autoptr(GString) str = NULL;
  gsize pos;
  gsize wire_len = 0;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (offset != NULL, NULL);

  pos = *offset;
  str = g_string_new (NULL);

  for (;;)
    {
      guint8 label_len;

      if (pos >= len)
        {
          fail (error, _("The domain name is cut short."));
          return NULL;
        }

      label_len = data[pos];
      if ((label_len & 0xc0) == 0xc0)
        {
          fail (error, _("The domain name uses a compression pointer where none is allowed."));
          return NULL;
        }
      if (label_len > MAX_LABEL_LEN)
        {
          fail (error, _("The domain name has a label of an unknown type."));
          return NULL;
        }

      wire_len += 1 + label_len;
      if (wire_len > MAX_NAME_WIRE_LEN)
        {
          fail (error, _("The domain name is longer than 255 octets."));
          return NULL;
        }

      pos++;
      if (label_len == 0)
        break;

      if (label_len > len - pos)
        {
          fail (error, _("The domain name is cut short."));
          return NULL;
        }

      for (guint i = 0; i < label_len; i++)
        append_label_byte (str, data[pos + i]);
      g_string_append_c (str, '.');
      pos += label_len;
    }

  if (str->len == 0)
    g_string_append_c (str, '.');

  *offset = pos;
  return g_string_free (g_steal_pointer (&str), FALSE);
}

/**
 * sti_dns_rdata_parse_mx:
 * @exchange: (out) (optional): the target host; "." for a null MX (RFC 7505)
 *
 * Returns: %TRUE if @rdata is a well-formed MX record
 */
gboolean
sti_dns_rdata_parse_mx (GBytes   *rdata,
                        guint16  *preference,
                        char    **exchange,
                        GError  **error)
{
  const guint8 *data;
  gsize len;
  gsize offset = 2;
  g_autofree char *name = NULL;

  g_return_val_if_fail (rdata != NULL, FALSE);

  data = g_bytes_get_data (rdata, &len);
  if (len < 3)
    return fail (error, _("The MX record is cut short."));

  name = sti_dns_rdata_parse_name (data, len, &offset, error);
  if (name == NULL)
    return FALSE;
  if (offset != len)
    return fail (error, _("The MX record has trailing data."));

  if (preference != NULL)
    *preference = (guint16)((data[0] << 8) | data[1]);
  if (exchange != NULL)
    *exchange = g_steal_pointer (&name);

  return TRUE;
}

/**
 * sti_dns_rdata_parse_target:
 *
 * Parses rdata that is exactly one name: CNAME, NS, PTR.
 *
 * Returns: (transfer full) (nullable): the name in presentation form
 */
char *
sti_dns_rdata_parse_target (GBytes  *rdata,
                            GError **error)
{
  const guint8 *data;
  gsize len;
  gsize offset = 0;
  g_autofree char *name = NULL;

  g_return_val_if_fail (rdata != NULL, NULL);

  data = g_bytes_get_data (rdata, &len);
  name = sti_dns_rdata_parse_name (data, len, &offset, error);
  if (name == NULL)
    return NULL;
  if (offset != len)
    {
      fail (error, _("The record has trailing data after the name."));
      return NULL;
    }

  return g_steal_pointer (&name);
}

/**
 * sti_dns_rdata_parse_txt_strings:
 *
 * Splits TXT rdata into its character-strings, bytes kept as sent (NUL and
 * invalid UTF-8 included).
 *
 * Returns: (transfer full) (element-type GBytes) (nullable): the strings
 */
GPtrArray *
sti_dns_rdata_parse_txt_strings (GBytes  *rdata,
                                 GError **error)
{
  g_autoptr(GPtrArray) strings = NULL;
  const guint8 *data;
  gsize len;
  gsize pos = 0;

  g_return_val_if_fail (rdata != NULL, NULL);

  data = g_bytes_get_data (rdata, &len);
  if (len == 0)
    {
      fail (error, _("The TXT record is empty."));
      return NULL;
    }

  strings = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  while (pos < len)
    {
      guint8 slen = data[pos++];

      if (slen > len - pos)
        {
          fail (error, _("The TXT record is cut short."));
          return NULL;
        }
      g_ptr_array_add (strings, g_bytes_new_from_bytes (rdata, pos, slen));
      pos += slen;
    }

  return g_steal_pointer (&strings);
}

/**
 * sti_dns_rdata_parse_txt:
 *
 * The character-strings of one TXT record joined without separator, which
 * is how RFC 7208 and RFC 8461 read a record split into several strings.
 *
 * Returns: (transfer full) (nullable): the raw bytes
 */
GBytes *
sti_dns_rdata_parse_txt (GBytes  *rdata,
                         GError **error)
{
  g_autoptr(GPtrArray) strings = NULL;
  g_autoptr(GByteArray) joined = NULL;

  strings = sti_dns_rdata_parse_txt_strings (rdata, error);
  if (strings == NULL)
    return NULL;

  joined = g_byte_array_new ();
  for (guint i = 0; i < strings->len; i++)
    {
      gsize slen;
      const guint8 *s = g_bytes_get_data (g_ptr_array_index (strings, i), &slen);

      if (slen > 0)
        g_byte_array_append (joined, s, slen);
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&joined));
}

/**
 * sti_dns_rdata_parse_tlsa:
 * @association_data: (out) (optional) (transfer full): the certificate
 *   association data (a hash or a full certificate/SPKI)
 *
 * Returns: %TRUE if @rdata is a well-formed TLSA record
 */
gboolean
sti_dns_rdata_parse_tlsa (GBytes  *rdata,
                          guint8  *usage,
                          guint8  *selector,
                          guint8  *matching_type,
                          GBytes **association_data,
                          GError **error)
{
  const guint8 *data;
  gsize len;

  g_return_val_if_fail (rdata != NULL, FALSE);

  data = g_bytes_get_data (rdata, &len);
  if (len < 4)
    return fail (error, _("The TLSA record is cut short."));

  if (usage != NULL)
    *usage = data[0];
  if (selector != NULL)
    *selector = data[1];
  if (matching_type != NULL)
    *matching_type = data[2];
  if (association_data != NULL)
    *association_data = g_bytes_new_from_bytes (rdata, 3, len - 3);

  return TRUE;
}

/**
 * sti_dns_rdata_parse_address:
 * @rrtype: %STI_DNS_TYPE_A or %STI_DNS_TYPE_AAAA
 *
 * Returns: (transfer full) (nullable): the address
 */
GInetAddress *
sti_dns_rdata_parse_address (GBytes  *rdata,
                             guint16  rrtype,
                             GError **error)
{
  const guint8 *data;
  gsize len;

  g_return_val_if_fail (rdata != NULL, NULL);
  g_return_val_if_fail (rrtype == STI_DNS_TYPE_A || rrtype == STI_DNS_TYPE_AAAA, NULL);

  data = g_bytes_get_data (rdata, &len);
  if (rrtype == STI_DNS_TYPE_A && len == 4)
    return g_inet_address_new_from_bytes (data, G_SOCKET_FAMILY_IPV4);
  if (rrtype == STI_DNS_TYPE_AAAA && len == 16)
    return g_inet_address_new_from_bytes (data, G_SOCKET_FAMILY_IPV6);

  fail (error, rrtype == STI_DNS_TYPE_A
               ? _("An A record must be exactly 4 octets long.")
               : _("An AAAA record must be exactly 16 octets long."));
  return NULL;
}

/**
 * sti_dns_rdata_to_generic:
 *
 * RFC 3597 §5 form, for types we do not know or rdata we cannot parse.
 *
 * Returns: (transfer full): e.g. "\# 3 0A0B0C"; "\# 0" when empty
 */
char *
sti_dns_rdata_to_generic (GBytes *rdata)
{
  g_autofree char *hex = NULL;
  const guint8 *data;
  gsize len;

  g_return_val_if_fail (rdata != NULL, NULL);

  data = g_bytes_get_data (rdata, &len);
  if (len == 0)
    return g_strdup ("\\# 0");
  hex = sti_hex_encode (data, len, TRUE);
  return g_strdup_printf ("\\# %" G_GSIZE_FORMAT " %s", len, hex);
}

static void
append_txt_string (GString      *str,
                   const guint8 *s,
                   gsize         len)
{
  g_string_append_c (str, '"');
  for (gsize i = 0; i < len; i++)
    {
      if (s[i] == '"' || s[i] == '\\')
        {
          g_string_append_c (str, '\\');
          g_string_append_c (str, (char)s[i]);
        }
      else if (s[i] >= 0x20 && s[i] < 0x7f)
        g_string_append_c (str, (char)s[i]);
      else
        g_string_append_printf (str, "\\%03u", s[i]);
    }
  g_string_append_c (str, '"');
}

static char *
txt_to_presentation (GBytes *rdata)
{
  g_autoptr(GPtrArray) strings = NULL;
  GString *str;

  strings = sti_dns_rdata_parse_txt_strings (rdata, NULL);
  if (strings == NULL)
    return NULL;

  str = g_string_new (NULL);
  for (guint i = 0; i < strings->len; i++)
    {
      gsize slen;
      const guint8 *s = g_bytes_get_data (g_ptr_array_index (strings, i), &slen);

      if (i > 0)
        g_string_append_c (str, ' ');
      append_txt_string (str, s, slen);
    }

  return g_string_free (str, FALSE);
}

/**
 * sti_dns_rdata_to_presentation:
 *
 * One record in DNS presentation format, printable ASCII, safe to display.
 * Malformed rdata of a known type and unknown types fall back to the RFC
 * 3597 generic form, so this never fails.
 *
 * Returns: (transfer full): the text
 */
char *
sti_dns_rdata_to_presentation (guint16  rrtype,
                               GBytes  *rdata)
{
  char *text = NULL;

  g_return_val_if_fail (rdata != NULL, NULL);

  switch (rrtype)
    {
    case STI_DNS_TYPE_A:
    case STI_DNS_TYPE_AAAA:
      {
        g_autoptr(GInetAddress) address = sti_dns_rdata_parse_address (rdata, rrtype, NULL);

        if (address != NULL)
          text = g_inet_address_to_string (address);
      }
      break;

    case STI_DNS_TYPE_MX:
      {
        guint16 preference;
        g_autofree char *exchange = NULL;

        if (sti_dns_rdata_parse_mx (rdata, &preference, &exchange, NULL))
          text = g_strdup_printf ("%u %s", preference, exchange);
      }
      break;

    case STI_DNS_TYPE_CNAME:
    case STI_DNS_TYPE_NS:
    case STI_DNS_TYPE_PTR:
      text = sti_dns_rdata_parse_target (rdata, NULL);
      break;

    case STI_DNS_TYPE_TXT:
      text = txt_to_presentation (rdata);
      break;

    case STI_DNS_TYPE_TLSA:
      {
        guint8 usage, selector, matching_type;
        g_autoptr(GBytes) association = NULL;

        if (sti_dns_rdata_parse_tlsa (rdata, &usage, &selector, &matching_type, &association, NULL))
          {
            gsize len;
            const guint8 *data = g_bytes_get_data (association, &len);
            g_autofree char *hex = sti_hex_encode (data, len, TRUE);

            text = g_strdup_printf ("%u %u %u %s", usage, selector, matching_type, hex);
          }
      }
      break;

    default:
      break;
    }

  if (text == NULL)
    text = sti_dns_rdata_to_generic (rdata);

  return text;
}

/**
 * sti_dns_type_to_string:
 *
 * Returns: (transfer full): the mnemonic ("MX"), or "TYPE<n>" (RFC 3597)
 */
char *
sti_dns_type_to_string (guint16 rrtype)
{
  static const struct {
    guint16     type;
    const char *name;
  } names[] = {
    { STI_DNS_TYPE_A, "A" },
    { STI_DNS_TYPE_NS, "NS" },
    { STI_DNS_TYPE_CNAME, "CNAME" },
    { STI_DNS_TYPE_SOA, "SOA" },
    { STI_DNS_TYPE_PTR, "PTR" },
    { STI_DNS_TYPE_MX, "MX" },
    { STI_DNS_TYPE_TXT, "TXT" },
    { STI_DNS_TYPE_AAAA, "AAAA" },
    { STI_DNS_TYPE_DS, "DS" },
    { STI_DNS_TYPE_DNSKEY, "DNSKEY" },
    { STI_DNS_TYPE_TLSA, "TLSA" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (names[i].type == rrtype)
        return g_strdup (names[i].name);
    }

  return g_strdup_printf ("TYPE%u", rrtype);
}

/**
 * sti_dns_name_equal:
 *
 * Compares two names in presentation form as DNS does: ASCII
 * case-insensitively, with or without the trailing dot.
 */
gboolean
sti_dns_name_equal (const char *a,
                    const char *b)
{
  gsize alen, blen;

  if (a == NULL || b == NULL)
    return a == b;

  alen = strlen (a);
  blen = strlen (b);
  /* Strip one trailing dot, unless it is escaped or the whole name. */
  if (alen > 1 && a[alen - 1] == '.' && a[alen - 2] != '\\')
    alen--;
  if (blen > 1 && b[blen - 1] == '.' && b[blen - 2] != '\\')
    blen--;

  return alen == blen && g_ascii_strncasecmp (a, b, alen) == 0;
}

static gboolean
is_wsp (char c)
{
  return c == ' ' || c == '\t';
}

/* Whether @text starts with the field @version, e.g. "v=STSv1": followed
 * by the end, a delimiter or whitespace, so "v=STSv10" is not one. */
static gboolean
has_version (GBytes     *text,
             const char *version)
{
  gsize len;
  gsize version_len = strlen (version);
  const char *data = g_bytes_get_data (text, &len);

  if (len < version_len || memcmp (data, version, version_len) != 0)
    return FALSE;

  return len == version_len || data[version_len] == ';' || is_wsp (data[version_len]);
}

/**
 * sti_dns_rdata_select_txt:
 * @txt_rdata: (element-type GBytes) (nullable): raw TXT rdata, one per record
 * @version: the version field the records to keep start with, e.g. "v=STSv1"
 *
 * The policy records (MTA-STS, TLS-RPT) of a TXT answer: each record's
 * character-strings joined (RFC 7208 §3.3), malformed rdata skipped.
 * Records of other versions are discarded (RFC 8461 §3.1, RFC 8460 §3).
 *
 * Returns: (transfer container) (element-type GBytes): the matching texts
 */
GPtrArray *
sti_dns_rdata_select_txt (GPtrArray  *txt_rdata,
                          const char *version)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);

  for (guint i = 0; txt_rdata != NULL && i < txt_rdata->len; i++)
    {
      g_autoptr(GBytes) joined = sti_dns_rdata_parse_txt (g_ptr_array_index (txt_rdata, i), NULL);

      if (joined != NULL && has_version (joined, version))
        g_ptr_array_add (texts, g_steal_pointer (&joined));
    }

  return texts;
}

/**
 * sti_dns_txt_check_printable:
 *
 * Returns: (nullable): "not-printable-ascii" when @data has a byte outside
 *   printable ASCII and tab, else %NULL
 */
const char *
sti_dns_txt_check_printable (const char *data,
                             gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      if ((guchar)data[i] >= 0x7f || ((guchar)data[i] < 0x20 && data[i] != '\t'))
        return "not-printable-ascii";
    }

  return NULL;
}

/**
 * sti_dns_txt_next_field:
 * @p: (inout): where the record goes on; left on the "=" of the field found
 * @end: the end of the record
 * @name: (out): the field's name, @name_len bytes
 * @reason: (out): the grammar error, or %NULL
 *
 * Moves past the delimiter ("*WSP ; *WSP") to the next "name=" field.
 *
 * Returns: %TRUE for a field; %FALSE at the end of the record (a trailing
 *   delimiter is allowed) or on a grammar error, with @reason set
 */
gboolean
sti_dns_txt_next_field (const char **p,
                        const char  *end,
                        const char **name,
                        gsize       *name_len,
                        const char **reason)
{
  const char *q = *p;

  *reason = NULL;
  while (q < end && is_wsp (*q))
    q++;
  if (q == end)
    return FALSE;
  if (*q != ';')
    {
      *reason = "missing-semicolon";
      return FALSE;
    }
  q++;
  while (q < end && is_wsp (*q))
    q++;
  if (q == end)
    return FALSE;

  *name = q;
  while (q < end && *q != '=' && *q != ';' && !is_wsp (*q))
    q++;
  if (q == end || *q != '=')
    {
      *reason = *name == q ? "empty-field" : "field-without-value";
      return FALSE;
    }

  *name_len = q - *name;
  *p = q;
  return TRUE;
}

/**
 * sti_dns_txt_skip_extension:
 * @name: a field name from sti_dns_txt_next_field(), ending at *@p
 * @p: (inout): the "=" after @name; left after the value
 * @reason: (out): the grammar error
 *
 * Checks an extension field nobody interprets:
 * ext-name = (ALPHA / DIGIT) *31(ALPHA / DIGIT / "_" / "-" / "."),
 * ext-value = 1*(%x21-3A / %x3C / %x3E-7E).
 *
 * Returns: %FALSE with @reason set when the field breaks that grammar
 */
gboolean
sti_dns_txt_skip_extension (const char  *name,
                            const char **p,
                            const char  *end,
                            const char **reason)
{
  const char *q = *p;
  const char *value;
  gboolean ok = g_ascii_isalnum (name[0]) && q - name <= 32;

  for (const char *c = name; ok && c < q; c++)
    ok = g_ascii_isalnum (*c) || *c == '_' || *c == '-' || *c == '.';
  if (!ok)
    {
      *reason = "bad-extension-name";
      return FALSE;
    }

  value = ++q;
  while (q < end && *q >= 0x21 && *q <= 0x7e && *q != ';' && *q != '=')
    q++;
  if (q == value || (q < end && *q != ';' && !is_wsp (*q)))
    {
      *reason = "bad-extension-value";
      return FALSE;
    }

  *p = q;
  return TRUE;
}

/**
 * sti_dns_txt_dup_sanitized:
 * @texts: (element-type GBytes): TXT texts
 *
 * Returns: (transfer full): the texts for display, sanitized
 */
char **
sti_dns_txt_dup_sanitized (GPtrArray *texts)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < texts->len; i++)
    {
      g_autofree char *text = sti_text_sanitize_bytes (g_ptr_array_index (texts, i));

      g_strv_builder_add (builder, text);
    }

  return g_strv_builder_end (builder);
}
