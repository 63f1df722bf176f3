/* sti-certificate-sections-dn.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-certificate-sections-private.h"

#include "sti-text.h"

#include <glib/gi18n.h>
#include <string.h>

/* Distinguished names: the subject and issuer sections, attribute by
 * attribute, with the short and long name a newcomer can look up. */

#define MAX_DN_ATTRS 256

static const struct
{
  const char *oid;
  const char *short_name;
  const char *long_name;
} dn_attributes[] = {
  { "2.5.4.3", "CN", N_("Common Name") },
  { "2.5.4.4", "SN", N_("Surname") },
  { "2.5.4.5", "serialNumber", N_("Serial Number") },
  { "2.5.4.6", "C", N_("Country") },
  { "2.5.4.7", "L", N_("Locality") },
  { "2.5.4.8", "ST", N_("State or Province") },
  { "2.5.4.9", "street", N_("Street Address") },
  { "2.5.4.10", "O", N_("Organization") },
  { "2.5.4.11", "OU", N_("Organizational Unit") },
  { "2.5.4.12", "title", N_("Title") },
  { "2.5.4.13", "description", N_("Description") },
  { "2.5.4.15", "businessCategory", N_("Business Category") },
  { "2.5.4.17", "postalCode", N_("Postal Code") },
  { "2.5.4.41", "name", N_("Name") },
  { "2.5.4.42", "GN", N_("Given Name") },
  { "2.5.4.43", "initials", N_("Initials") },
  { "2.5.4.46", "dnQualifier", N_("Distinguished Name Qualifier") },
  { "2.5.4.65", "pseudonym", N_("Pseudonym") },
  { "2.5.4.97", "organizationIdentifier", N_("Organization Identifier") },
  { "0.9.2342.19200300.100.1.25", "DC", N_("Domain Component") },
  { "0.9.2342.19200300.100.1.1", "UID", N_("User ID") },
  { "1.2.840.113549.1.9.1", "emailAddress", N_("Email Address") },
  { "1.3.6.1.4.1.311.60.2.1.1", "jurisdictionL", N_("Jurisdiction Locality") },
  { "1.3.6.1.4.1.311.60.2.1.2", "jurisdictionST", N_("Jurisdiction State or Province") },
  { "1.3.6.1.4.1.311.60.2.1.3", "jurisdictionC", N_("Jurisdiction Country") },
};

/* Short name, long name */

static gssize
dn_attribute_index (const char *oid)
{
  for (guint i = 0; i < G_N_ELEMENTS (dn_attributes); i++)
    {
      if (g_str_equal (dn_attributes[i].oid, oid) ||
          g_ascii_strcasecmp (dn_attributes[i].short_name, oid) == 0)
        return i;
    }

  return -1;
}

/**
 * sti_certificate_dn_attribute_short_name:
 * @oid: an attribute OID ("2.5.4.3") or short name
 *
 * Returns: (nullable): the short name ("CN"), or %NULL when unknown
 */
const char *
sti_certificate_dn_attribute_short_name (const char *oid)
{
  gssize i;

  g_return_val_if_fail (oid != NULL, NULL);

  i = dn_attribute_index (oid);
  return i >= 0 ? dn_attributes[i].short_name : NULL;
}

/**
 * sti_certificate_dn_attribute_long_name:
 * @oid: an attribute OID ("0.9.2342.19200300.100.1.25") or short name ("DC")
 *
 * Returns: (nullable): the translated long name ("Domain Component"), or
 *   %NULL when unknown
 */
const char *
sti_certificate_dn_attribute_long_name (const char *oid)
{
  gssize i;

  g_return_val_if_fail (oid != NULL, NULL);

  i = dn_attribute_index (oid);
  return i >= 0 ? _(dn_attributes[i].long_name) : NULL;
}

static void
add_dn_attribute (StiCertificateSections *self,
                  StiCertificateSection  *section,
                  const char             *oid,
                  const guint8           *value,
                  gsize                   value_len)
{
  const char *short_name = sti_certificate_dn_attribute_short_name (oid);
  const char *long_name = sti_certificate_dn_attribute_long_name (oid);
  g_autofree char *id = g_strdup_printf ("%s.%s", section->id,
                                         short_name != NULL ? short_name : oid);
  g_autofree char *label = NULL;
  const char *key = NULL;

  if (short_name != NULL)
    {
      /* Translators: an attribute of a name: "Common Name (CN)" */
      label = g_strdup_printf (_("%s (%s)"), long_name, short_name);
      if (g_str_equal (short_name, "CN") || g_str_equal (short_name, "O") ||
          g_str_equal (short_name, "OU") || g_str_equal (short_name, "DC"))
        key = short_name;
    }
  else
    /* Translators: an attribute of a name the program does not know, by OID */
    label = g_strdup_printf (_("Attribute %s"), oid);

  sections_add_field (self, section, id, label, sti_text_sanitize (value, value_len), key,
                      key == NULL ? N_("One attribute of the distinguished name (DN), the "
                                       "structured name made of attribute=value pairs.")
                                  : NULL);
}

/* The OID of an AVA is a dotted string; its size may count the NUL. */
static gboolean
ava_is_cn (const gnutls_x509_ava_st *ava)
{
  return strnlen ((const char *)ava->oid.data, ava->oid.size) == 7 &&
         memcmp (ava->oid.data, "2.5.4.3", 7) == 0;
}

static char *
dn_string_of (gnutls_x509_dn_t dn)
{
  g_auto(StiGnutlsDatum) str = { NULL, 0 };

  if (gnutls_x509_dn_get_str2 (dn, &str, 0) < 0)
    return g_strdup ("");

  /* The same RFC 4514 string as the certificate's subject in the reports:
   * its escapes are not escaped again. */
  return sti_text_clean_escaped (str.data, str.size);
}

/* The first CN, else the whole name: what a title or a summary shows. */
char *
sections_dn_display_name (gnutls_x509_dn_t dn)
{
  for (int irdn = 0; irdn < MAX_DN_ATTRS; irdn++)
    {
      gnutls_x509_ava_st ava;
      int iava;

      for (iava = 0; iava < MAX_DN_ATTRS; iava++)
        {
          if (gnutls_x509_dn_get_rdn_ava (dn, irdn, iava, &ava) < 0)
            break;
          if (ava_is_cn (&ava))
            return sti_text_sanitize (ava.value.data, ava.value.size);
        }
      if (iava == 0)
        break;
    }

  return dn_string_of (dn);
}

void
sections_add_dn_section (StiCertificateSections *self,
                         gnutls_x509_dn_t        dn,
                         const char             *id,
                         const char             *title,
                         const char             *key)
{
  StiCertificateSection *section = sections_add_section (self, id, title, key, NULL);

  g_autofree char *dn_id = g_strconcat (id, ".dn", NULL);
  guint count = 0;

  sections_add_field (self, section, dn_id, _("Distinguished name"),
                      dn_string_of (dn), NULL,
                      N_("The whole name as one string, most specific attribute first "
                         "(RFC 4514)."));

  for (int irdn = 0; count < MAX_DN_ATTRS; irdn++)
    {
      int iava;

      for (iava = 0; count < MAX_DN_ATTRS; iava++, count++)
        {
          gnutls_x509_ava_st ava;
          g_autofree char *oid = NULL;

          if (gnutls_x509_dn_get_rdn_ava (dn, irdn, iava, &ava) < 0)
            break;
          oid = sti_text_sanitize (ava.oid.data,
                                   strnlen ((const char *)ava.oid.data, ava.oid.size));
          add_dn_attribute (self, section, oid, ava.value.data, ava.value.size);
        }

      if (iava == 0)
        break;
    }
}

/* A request has no gnutls_x509_dn_t: its subject is read by OID. */
void
sections_add_request_subject (StiCertificateSections *self,
                              gnutls_x509_crq_t       crq)
{
  g_auto(StiGnutlsDatum) dn_text = { NULL, 0 };
  StiCertificateSection *section;

  section = sections_add_section (self, "subject", _("Requested Subject"), "subject", NULL);
  if (gnutls_x509_crq_get_dn3 (crq, &dn_text, 0) >= 0)
    sections_add_field (self, section, "subject.dn", _("Distinguished name"),
                        sti_text_clean_escaped (dn_text.data, dn_text.size), NULL,
                        N_("The whole name as one string, most specific attribute first "
                           "(RFC 4514)."));
  for (guint i = 0; i < MAX_DN_ATTRS; i++)
    {
      char oid_buf[128] = { 0 };
      size_t oid_size = sizeof oid_buf - 1;
      g_autofree char *oid = NULL;

      if (gnutls_x509_crq_get_dn_oid (crq, i, oid_buf, &oid_size) < 0)
        break;
      oid = sti_text_sanitize ((const guint8 *)oid_buf, strnlen (oid_buf, sizeof oid_buf));

      for (guint j = 0; j < MAX_DN_ATTRS; j++)
        {
          guint8 value[4096];
          size_t value_size = sizeof value;

          if (gnutls_x509_crq_get_dn_by_oid (crq, oid_buf, j, 0, value, &value_size) < 0)
            break;
          add_dn_attribute (self, section, oid, value, strnlen ((const char *)value, value_size));
        }
    }
}
