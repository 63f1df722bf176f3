/* sti-lab-records.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-lab-private.h"

#include "sti-certificate.h"

/* The demo lab's DNS data: every scenario's records in zone-file syntax,
 * the TLSA records for the keys made at start-up, and the signed name
 * server that answers them. */

/* g_strv_builder_take() is GLib 2.80. */
static void
builder_take (GStrvBuilder *builder,
              char         *str)
{
  g_strv_builder_add (builder, str);
  g_free (str);
}

static char *
spki_sha256_of (GBytes *der)
{
  g_autoptr(StiCertificate) cert = sti_certificate_new_from_der (der, NULL);

  return cert != NULL ? g_strdup (sti_certificate_get_spki_sha256 (cert)) : NULL;
}

/* TLSA records name keys generated at start-up, so they exist only while
 * the lab runs. */
static void
lab_add_tlsa_records (StiLab       *self,
                      guint         scenario,
                      GStrvBuilder *builder)
{
  g_autofree char *host = lab_mx_host_name (scenario, 1);
  GPtrArray *chain = g_hash_table_lookup (self->chains, host);
  g_autoptr(GBytes) stale_der = NULL;
  g_autofree char *leaf = NULL;
  g_autofree char *issuer = NULL;
  g_autofree char *stale = NULL;

  if (chain == NULL || chain->len < 2)
    return;

  switch (lab_spec (scenario)->dane)
    {
    case DANE_EE:
      leaf = spki_sha256_of (g_ptr_array_index (chain, 0));
      issuer = spki_sha256_of (g_ptr_array_index (chain, 1));
      builder_take (builder,
                    g_strdup_printf ("_25._tcp.%s. %u IN TLSA 3 1 1 %s", host, ZONE_TTL, leaf));
      builder_take (builder,
                    g_strdup_printf ("_25._tcp.%s. %u IN TLSA 2 1 1 %s", host, ZONE_TTL, issuer));
      break;

    case DANE_STALE:
      /* The key of another lab certificate stands for the server's old key. */
      stale_der = sti_lab_cert_dup_der (self->intermediate2);
      stale = spki_sha256_of (stale_der);
      builder_take (builder,
                    g_strdup_printf ("_25._tcp.%s. %u IN TLSA 3 1 1 %s", host, ZONE_TTL, stale));
      break;

    case DANE_NONE:
    default:
      break;
    }
}

/**
 * sti_lab_dup_zone_data:
 * @self: a #StiLab
 *
 * The resource records of the lab's scenarios, in zone-file syntax.
 * They do not depend on the running lab (the port is not in DNS), except
 * the TLSA records, which name keys made at start-up: those are only there
 * while the lab runs.
 *
 * Returns: (transfer full): a %NULL-terminated array of records
 */
char **
sti_lab_dup_zone_data (StiLab *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (STI_IS_LAB (self), NULL);

  for (guint i = 0; i < lab_n_scenarios (); i++)
    {
      const LabScenarioSpec *spec = lab_spec (i);
      const char *domain = lab_domain (i);

      switch (spec->mx)
        {
        case MX_LIST:
          for (guint m = 1; m <= spec->n_mx; m++)
            {
              g_autofree char *host = lab_mx_host_name (i, m);
              g_autofree char *address = lab_address (i, m);

              builder_take (builder, g_strdup_printf ("%s. %u IN MX %u %s.",
                                                             domain, ZONE_TTL, 10 * m, host));
              if (spec->ipv6)
                builder_take (builder, g_strdup_printf ("%s. %u IN AAAA ::1",
                                                               host, ZONE_TTL));
              else
                builder_take (builder, g_strdup_printf ("%s. %u IN A %s",
                                                               host, ZONE_TTL, address));
            }
          break;

        case MX_NULL:
          builder_take (builder, g_strdup_printf ("%s. %u IN MX 0 .", domain, ZONE_TTL));
          break;

        case MX_IMPLICIT:
          {
            g_autofree char *address = lab_address (i, 1);

            builder_take (builder, g_strdup_printf ("%s. %u IN A %s",
                                                           domain, ZONE_TTL, address));
          }
          break;

        default:
          g_assert_not_reached ();
        }

      if (spec->dane != DANE_NONE && self->chains != NULL)
        lab_add_tlsa_records (self, i, builder);

      if (spec->sts != STS_NONE)
        {
          g_autofree char *address = lab_address (i, STS_HOST_OCTET);

          builder_take (builder, g_strdup_printf ("_mta-sts.%s. %u IN TXT \"v=STSv1; id=20261128\"",
                                                  domain, ZONE_TTL));
          builder_take (builder,
                        g_strdup_printf ("mta-sts.%s. %u IN A %s", domain, ZONE_TTL, address));
        }
    }

  return g_strv_builder_end (builder);
}

/* After lab_generate(): the TLSA records name the keys it made. */
gboolean
lab_start_dns (StiLab  *self,
               GError **error)
{
  g_autoptr(StiLabDnsZones) zones = sti_lab_dns_zones_new ();
  g_autoptr(StiLabDnsServer) server = NULL;
  g_autofree char *ns_record = NULL;
  g_auto(GStrv) records = NULL;

  if (!sti_lab_dns_zones_add_zone (zones, STI_LAB_ZONE, DNS_HOST_NAME, STI_LAB_DNS_SIGNED, error))
    return FALSE;
  for (guint i = 0; i < lab_n_scenarios (); i++)
    {
      StiLabDnsSigning signing;

      switch (lab_spec (i)->dns)
        {
        case DNS_UNSIGNED_ZONE:
          signing = STI_LAB_DNS_UNSIGNED;
          break;

        case DNS_BOGUS_ZONE:
          signing = STI_LAB_DNS_SIGNED_BOGUS;
          break;

        case DNS_SIGNED:
        default:
          continue;
        }
      if (!sti_lab_dns_zones_add_zone (zones, lab_domain (i), DNS_HOST_NAME, signing, error))
        return FALSE;
    }

  ns_record = g_strdup_printf ("%s %u IN A %s", DNS_HOST_NAME, ZONE_TTL, DNS_ADDRESS);
  if (!sti_lab_dns_zones_add_record (zones, ns_record, error))
    return FALSE;
  records = sti_lab_dup_zone_data (self);
  for (guint i = 0; records[i] != NULL; i++)
    {
      if (!sti_lab_dns_zones_add_record (zones, records[i], error))
        return FALSE;
    }
  if (!sti_lab_dns_zones_seal (zones, g_get_real_time () / G_USEC_PER_SEC, error))
    return FALSE;

  server = sti_lab_dns_server_new (g_steal_pointer (&zones));
  if (!sti_lab_dns_server_start (server, DNS_ADDRESS, error))
    return FALSE;

  self->dns = g_steal_pointer (&server);
  return TRUE;
}

