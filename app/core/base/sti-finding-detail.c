/* sti-finding-detail.c: a finding's technical detail in the reader's language
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-finding-detail.h"

#include "sti-error-text.h"
#include "sti-format.h"

#include <glib/gi18n.h>

/* The detail a finding carries is English: it is part of the model, and
 * JSON must be the same bytes in every language. Where people read it,
 * it is said again from the finding's params, in their language. A
 * detail whose params are missing (an older report), or whose sentence
 * the catalog does not translate (English), is shown as it is, so the
 * English text stays the model's. */

/* Whether the catalog says @msgid in another language (for a message
 * with plural forms, @msgid is its singular). */
static gboolean
translates (const char *msgid)
{
  return !g_str_equal (_(msgid), msgid);
}

/* The sentence @msgid (a literal, in N_()) with its arguments, or NULL
 * when the catalog keeps it English */
#define SAY(msgid, ...) \
  (translates (msgid) ? g_strdup_printf (_(msgid), __VA_ARGS__) : NULL)

static gboolean
get_int (StiFinding *finding,
         const char *key,
         gint64     *value)
{
  return sti_finding_get_param_int64 (finding, key, value);
}

static char *
dup_list (StiFinding *finding,
          const char *key,
          const char *separator)
{
  g_autoptr(GVariant) value = g_variant_lookup_value (sti_finding_get_params (finding), key,
                                                      G_VARIANT_TYPE_STRING_ARRAY);
  g_autofree const char **strv = NULL;

  if (value == NULL)
    return NULL;
  strv = g_variant_get_strv (value, NULL);

  return sti_format_bounded_list (strv, -1, separator, 0);
}

static char *
dup_date (StiFinding *finding,
          const char *key)
{
  const char *iso = sti_finding_get_param_string (finding, key);
  g_autoptr(GDateTime) date = iso != NULL ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;

  return date != NULL ? sti_format_date_time (date) : NULL;
}

/* "The server's certificate #0 (CN=…)": the subject of the sentences
 * below, the way sti-chain-verify.c names a certificate. */
static char *
dup_certificate (StiFinding *finding,
                 const char *position_key)
{
  const char *subject = sti_finding_get_param_string (finding, "subject");
  g_autofree char *number = NULL;
  gint64 position;

  if (subject == NULL || !get_int (finding, position_key, &position) ||
      position < 0 || position > G_MAXUINT)
    return NULL;

  number = sti_format_certificate_number ((guint)position);
  if (position == 0)
    /* Translators: the start of a sentence about a certificate: its number
     * in the chain ("#0") and its subject name ("CN=mx1.example.org") */
    return g_strdup_printf (_("The server's certificate %s (%s)"), number, subject);
  /* Translators: the start of a sentence about a certificate: its number
   * in the chain ("#1") and its subject name ("CN=Example CA") */
  return g_strdup_printf (_("Certificate %s of the chain as sent (%s)"), number, subject);
}

static char *
detail_dates (StiFinding *finding)
{
  const char *id = sti_finding_get_id (finding);
  gboolean before = g_str_equal (id, "cert-not-yet-valid");
  g_autofree char *certificate = dup_certificate (finding, "position");
  g_autofree char *date = dup_date (finding, before ? "not_before" : "not_after");
  gint64 days;
  gulong n;

  if (certificate == NULL || date == NULL || !get_int (finding, "days", &days) || days < 0)
    return NULL;

  /* gettext's lookup of a singular finds its message with plural forms too */
  n = (gulong)days;
  if (g_str_equal (id, "cert-expired"))
    return translates ("%s expired on %s, %d day ago")
      /* Translators: a certificate (see "The server's certificate %s (%s)"),
       * a date, a number of days */
      ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s expired on %s, %d day ago",
                                      "%s expired on %s, %d days ago", n),
                         certificate, date, (int)days)
      : NULL;
  if (before)
    return translates ("%s is valid only from %s, in %d day")
      /* Translators: a certificate (see "The server's certificate %s (%s)"),
       * a date, a number of days */
      ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s is valid only from %s, in %d day",
                                      "%s is valid only from %s, in %d days", n),
                         certificate, date, (int)days)
      : NULL;
  return translates ("%s expires on %s, in %d day")
    /* Translators: a certificate (see "The server's certificate %s (%s)"),
     * a date, a number of days */
    ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s expires on %s, in %d day",
                                    "%s expires on %s, in %d days", n),
                       certificate, date, (int)days)
    : NULL;
}

static char *
detail_purpose (StiFinding *finding)
{
  const char *reason = sti_finding_get_param_string (finding, "reason");
  g_autofree char *certificate = dup_certificate (finding, "position");
  g_autofree char *purposes = dup_list (finding, "key_purposes", ", ");
  gint64 usage;

  if (certificate == NULL || reason == NULL)
    return NULL;

  if (g_str_equal (reason, "extended-key-usage") && purposes != NULL)
    {
      /* Translators: a certificate (see "The server's certificate %s (%s)"),
       * then the purposes it may be used for */
      return SAY (N_("%s may only be used for %s, not for a TLS server"), certificate, purposes);
    }
  if (g_str_equal (reason, "key-usage") && get_int (finding, "key_usage", &usage))
    {
      /* Translators: a certificate (see "The server's certificate %s (%s)"),
       * then its key usage bits in hexadecimal */
      return SAY (N_("%s has a key usage (0x%x) that allows neither signing nor "
                              "key encipherment"), certificate, (guint)usage);
    }

  return NULL;
}

static char *
detail_weak_key (StiFinding *finding)
{
  g_autofree char *certificate = dup_certificate (finding, "position");
  const char *algorithm = sti_finding_get_param_string (finding, "algorithm");
  gint64 bits, minimum;

  if (certificate == NULL || algorithm == NULL || !get_int (finding, "bits", &bits) ||
      !get_int (finding, "minimum_bits", &minimum))
    return NULL;

  /* Translators: a certificate (see "The server's certificate %s (%s)"), its
   * key size, its key algorithm ("RSA"), the least size that is strong enough */
  return SAY (N_("%s has a %d-bit %s key; at least %d bits are needed"), certificate, (int)bits, algorithm, (int)minimum);
}

static char *
detail_weak_signature (StiFinding *finding)
{
  g_autofree char *certificate = dup_certificate (finding, "position");
  const char *algorithm = sti_finding_get_param_string (finding, "algorithm");

  if (certificate == NULL || algorithm == NULL)
    return NULL;

  /* Translators: a certificate (see "The server's certificate %s (%s)"),
   * then a signature algorithm ("RSA-SHA1") */
  return SAY (N_("%s is signed with %s"), certificate, algorithm);
}

static char *
detail_name_mismatch (StiFinding *finding)
{
  const char *expected = sti_finding_get_param_string (finding, "expected");
  g_autofree char *names = dup_list (finding, "names", ", ");

  if (expected == NULL || names == NULL)
    return NULL;

  if (names[0] == '\0')
    {
      /* Translators: %s is the host name the certificate should carry */
      return SAY (N_("The certificate carries no name at all, not %s"), expected);
    }
  /* Translators: the names a certificate carries, then the host name it should carry */
  return SAY (N_("The certificate is for %s, not for %s"), names, expected);
}

static char *
detail_chain_shape (StiFinding *finding)
{
  const char *id = sti_finding_get_id (finding);

  if (g_str_equal (id, "chain-duplicate"))
    {
      g_autofree char *first = dup_certificate (finding, "first_position");
      g_autofree char *again = NULL;
      gint64 position;

      if (first == NULL || !get_int (finding, "position", &position) || position < 0)
        return NULL;
      again = sti_format_certificate_number ((guint)position);
      /* Translators: a certificate (see "Certificate %s of the chain as sent (%s)"),
       * then its number where it is sent again ("#2") */
      return SAY (N_("%s is sent again as certificate %s"), first, again);
    }
  if (g_str_equal (id, "chain-includes-root"))
    {
      g_autofree char *certificate = dup_certificate (finding, "position");

      /* Translators: a certificate (see "Certificate %s of the chain as sent (%s)") */
      return certificate != NULL
        ? SAY (N_("%s is a root; clients use their own copy"), certificate) : NULL;
    }
  if (g_str_equal (id, "chain-wrong-order"))
    {
      g_autofree char *certificate = dup_certificate (finding, "position");
      g_autofree char *next = NULL;
      g_autofree char *issuer = NULL;
      gint64 position, issuer_position;

      if (certificate == NULL || !get_int (finding, "position", &position) ||
          !get_int (finding, "issuer_position", &issuer_position) ||
          position < 0 || issuer_position < 0)
        return NULL;
      next = sti_format_certificate_number ((guint)position + 1);
      issuer = sti_format_certificate_number ((guint)issuer_position);
      /* Translators: a certificate (see "The server's certificate %s (%s)"),
       * the number of the certificate after it, the number of its issuer */
      return SAY (N_("%s is followed by certificate %s, but its issuer is "
                              "certificate %s"), certificate, next, issuer);
    }
  if (g_str_equal (id, "cert-self-signed"))
    {
      const char *subject = sti_finding_get_param_string (finding, "subject");

      /* Translators: %s is the subject name of the server's certificate */
      return subject != NULL ? SAY (N_("The server certificate (%s) is self-signed"), subject)
                             : NULL;
    }

  return NULL;
}

static char *
detail_missing_intermediate (StiFinding *finding)
{
  const char *why = sti_finding_get_param_string (finding, "why");
  const char *subject = sti_finding_get_param_string (finding, "subject");
  const char *root = sti_finding_get_param_string (finding, "trusted_root");

  if (why == NULL || subject == NULL)
    return NULL;

  if (g_str_equal (why, "fetched-via-aia"))
    {
      /* Translators: %s is the subject name of the intermediate certificate */
      return SAY (N_("The server does not send the intermediate certificate %s; "
                              "fetched through the certificate's AIA URL, it completes the "
                              "chain to a trusted root"), subject[0] != '\0' ? subject : "?");
    }
  if (g_str_equal (why, "issuer-organization-trusted") && root != NULL)
    {
      /* Translators: the subject name of the missing intermediate
       * certificate, then the subject name of a trusted root */
      return SAY (N_("Most likely the server does not send the intermediate "
                              "certificate %s: it belongs to the same organisation as the "
                              "trusted root %s, and CAs sign server certificates from "
                              "intermediates, not from the root"), subject, root);
    }
  if (g_str_equal (why, "issuer-published-via-aia"))
    {
      /* Translators: %s is the subject name of the missing intermediate certificate */
      return SAY (N_("Most likely the server does not send the intermediate "
                              "certificate %s: the server certificate names a URL to fetch "
                              "it from, as public CAs do, but it was not fetched"), subject);
    }

  return NULL;
}

static char *
detail_untrusted_issuer (StiFinding *finding)
{
  g_autoptr(GVariant) value = g_variant_lookup_value (sti_finding_get_params (finding),
                                                      "reasons", G_VARIANT_TYPE_STRING_ARRAY);
  const char *issuer = sti_finding_get_param_string (finding, "issuer");
  const char *why = sti_finding_get_param_string (finding, "why");
  g_autoptr(GPtrArray) words = g_ptr_array_new ();
  g_autofree const char **reasons = NULL;
  g_autofree char *joined = NULL;

  if (value == NULL || issuer == NULL)
    return NULL;

  reasons = g_variant_get_strv (value, NULL);
  for (guint i = 0; reasons[i] != NULL; i++)
    g_ptr_array_add (words, (gpointer)sti_error_text_get_reason (reasons[i]));
  g_ptr_array_add (words, NULL);
  joined = g_strjoinv ("; ", (char **)words->pdata);

  if (g_strcmp0 (why, "fetched-issuer-not-trusted") == 0)
    /* Translators: why the chain is not trusted ("the issuer was not
     * found"), then the subject name of the last issuer */
    return SAY (N_("The chain does not lead to a trusted CA (%s); even with the issuer "
                   "fetched through AIA it ends at an unknown CA: %s"), joined, issuer);
  if (g_strcmp0 (why, "no-trusted-root-of-that-organization") == 0)
    /* Translators: why the chain is not trusted ("the issuer was not
     * found"), then the subject name of the last issuer */
    return SAY (N_("The chain does not lead to a trusted CA (%s); most likely the CA is "
                   "unknown here: no trusted root belongs to the organisation of the last "
                   "issuer, %s"), joined, issuer);
  /* Translators: why the chain is not trusted ("the issuer was not
   * found"), then the subject name of the last issuer */
  return SAY (N_("The chain does not lead to a trusted CA (%s); last issuer: %s"),
              joined, issuer);
}

/* What GnuTLS's verification said when no check of ours said it first
 * (sti-chain-verify-trust.c): a "reason" word and the status bits. */
static char *
detail_verification (StiFinding *finding)
{
  const char *reason = sti_finding_get_param_string (finding, "reason");
  const char *words;
  gint64 status;

  if (reason == NULL || !get_int (finding, "status", &status))
    return NULL;

  words = sti_error_text_get_reason (reason);
  /* Translators: %s says why a certificate failed verification
   * ("the certificate was revoked") */
  return words != reason ? SAY (N_("Verification failed: %s"), words) : NULL;
}

static const struct {
  const char *id;
  char *(*say) (StiFinding *finding);
} details[] = {
  { "cert-expired",               detail_dates },
  { "cert-not-yet-valid",         detail_dates },
  { "cert-expiring-soon",         detail_dates },
  { "cert-not-for-server-auth",   detail_purpose },
  { "cert-weak-key",              detail_weak_key },
  { "cert-weak-signature",        detail_weak_signature },
  { "cert-name-mismatch",         detail_name_mismatch },
  { "chain-duplicate",            detail_chain_shape },
  { "chain-includes-root",        detail_chain_shape },
  { "chain-wrong-order",          detail_chain_shape },
  { "cert-self-signed",           detail_chain_shape },
  { "chain-missing-intermediate", detail_missing_intermediate },
  { "cert-untrusted-issuer",      detail_untrusted_issuer },
};

/**
 * sti_finding_dup_detail_text:
 * @finding: a finding
 *
 * The finding's detail for people: said again in the current language
 * from its params where it can be (the certificate checks), otherwise
 * sti_finding_get_detail(). JSON keeps the latter.
 *
 * Returns: (transfer full): the detail, "" for none
 */
char *
sti_finding_dup_detail_text (StiFinding *finding)
{
  const char *id;
  char *text = NULL;

  g_return_val_if_fail (STI_IS_FINDING (finding), NULL);

  id = sti_finding_get_id (finding);
  for (guint i = 0; i < G_N_ELEMENTS (details) && text == NULL; i++)
    if (g_str_equal (details[i].id, id))
      text = details[i].say (finding);

  /* The verifier's own words, for the status bits no check above names */
  if (text == NULL && sti_finding_get_param_string (finding, "reason") != NULL)
    text = detail_verification (finding);

  return text != NULL ? text : g_strdup (sti_finding_get_detail (finding));
}
