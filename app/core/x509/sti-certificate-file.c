/* sti-certificate-file.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-certificate-file.h"

#include "sti-gnutls-private.h"

#include <glib/gi18n.h>
#include <gnutls/pkcs7.h>
#include <string.h>

/* Local files for the certificate viewer: PEM certificates and bundles,
 * DER certificates, PKCS #7 (.p7b/.p7c) in PEM or DER, and PKCS #10
 * requests in PEM or DER. The file is hostile input: its size is bounded,
 * GnuTLS parses it, and anything else gets one clear message. */

G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_pkcs7_t, gnutls_pkcs7_deinit, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_x509_crq_t, gnutls_x509_crq_deinit, NULL)

static gboolean
contains (GBytes     *data,
          const char *needle)
{
  gsize len;
  const char *bytes = g_bytes_get_data (data, &len);

  gsize needle_len = strlen (needle);

  for (gsize i = 0; len >= needle_len && i <= len - needle_len; i++)
    {
      if (bytes[i] == needle[0] && memcmp (bytes + i, needle, needle_len) == 0)
        return TRUE;
    }

  return FALSE;
}

static GPtrArray *
parse_pkcs7 (const gnutls_datum_t  *datum,
             gnutls_x509_crt_fmt_t  format)
{
  g_auto(gnutls_pkcs7_t) pkcs7 = NULL;
  g_autoptr(GPtrArray) certificates =
    g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  int count;

  if (gnutls_pkcs7_init (&pkcs7) < 0 || gnutls_pkcs7_import (pkcs7, datum, format) < 0)
    return NULL;

  count = gnutls_pkcs7_get_crt_count (pkcs7);
  for (int i = 0; i < count && i < STI_CERTIFICATE_FILE_MAX_CERTIFICATES; i++)
    {
      g_auto(StiGnutlsDatum) raw = { NULL, 0 };

      if (gnutls_pkcs7_get_crt_raw2 (pkcs7, i, &raw) < 0)
        return NULL;
      g_ptr_array_add (certificates, g_bytes_new (raw.data, raw.size));
    }

  if (certificates->len == 0)
    return NULL;

  return g_steal_pointer (&certificates);
}

static GBytes *
parse_request (const gnutls_datum_t  *datum,
               gnutls_x509_crt_fmt_t  format)
{
  g_auto(gnutls_x509_crq_t) crq = NULL;
  g_auto(StiGnutlsDatum) der = { NULL, 0 };

  if (gnutls_x509_crq_init (&crq) < 0 ||
      gnutls_x509_crq_import (crq, datum, format) < 0 ||
      gnutls_x509_crq_export2 (crq, GNUTLS_X509_FMT_DER, &der) < 0)
    return NULL;

  return g_bytes_new (der.data, der.size);
}

static GPtrArray *
parse_certificates (const gnutls_datum_t  *datum,
                    gnutls_x509_crt_fmt_t  format)
{
  g_autoptr(GPtrArray) certificates =
    g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  gnutls_x509_crt_t *list = NULL;
  unsigned int n = 0;

  if (gnutls_x509_crt_list_import2 (&list, &n, datum, format, 0) < 0)
    return NULL;

  for (unsigned int i = 0; i < n; i++)
    {
      g_auto(StiGnutlsDatum) der = { NULL, 0 };

      if (i < STI_CERTIFICATE_FILE_MAX_CERTIFICATES &&
          gnutls_x509_crt_export2 (list[i], GNUTLS_X509_FMT_DER, &der) >= 0)
        g_ptr_array_add (certificates, g_bytes_new (der.data, der.size));
      gnutls_x509_crt_deinit (list[i]);
    }
  gnutls_free (list);

  if (certificates->len == 0)
    return NULL;

  return g_steal_pointer (&certificates);
}

/**
 * sti_certificate_file_parse:
 * @data: the contents of a file
 * @kind: (out) (optional): whether the file holds certificates or a request
 * @format: (out) (optional): the encoding the file used
 * @error: return location for a #GError
 *
 * Reads certificates or one certificate request from a file's contents:
 * PEM (one certificate or a bundle), DER, PKCS #7 in PEM or DER, or a
 * PKCS #10 request in PEM or DER.
 *
 * Returns: (transfer full) (element-type GBytes) (nullable): the DER of
 *   each certificate in file order, or of the one request; %NULL with
 *   @error set when the file is none of these
 */
GPtrArray *
sti_certificate_file_parse (GBytes                    *data,
                            StiCertificateKind        *kind,
                            StiCertificateFileFormat  *format,
                            GError                   **error)
{
  g_autoptr(GPtrArray) result = NULL;
  gnutls_datum_t datum;
  GBytes *request = NULL;
  StiCertificateKind found_kind = STI_CERTIFICATE_KIND_CERTIFICATE;
  StiCertificateFileFormat found_format = STI_CERTIFICATE_FILE_FORMAT_PEM;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_bytes_get_size (data) > STI_CERTIFICATE_FILE_MAX_SIZE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   /* Translators: %u is a size in mebibytes */
                   _("The file is too large to be a certificate (more than %u MiB)"),
                   STI_CERTIFICATE_FILE_MAX_SIZE / (1024 * 1024));
      return NULL;
    }

  datum.data = (unsigned char *)g_bytes_get_data (data, NULL);
  datum.size = g_bytes_get_size (data);

  if (datum.size == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The file is empty"));
      return NULL;
    }

  if (contains (data, "-----BEGIN CERTIFICATE REQUEST-----") ||
      contains (data, "-----BEGIN NEW CERTIFICATE REQUEST-----"))
    {
      request = parse_request (&datum, GNUTLS_X509_FMT_PEM);
      found_kind = STI_CERTIFICATE_KIND_REQUEST;
    }
  else if (contains (data, "-----BEGIN PKCS7-----"))
    {
      result = parse_pkcs7 (&datum, GNUTLS_X509_FMT_PEM);
      found_format = STI_CERTIFICATE_FILE_FORMAT_PKCS7;
    }
  else if (contains (data, "-----BEGIN CERTIFICATE-----") ||
           contains (data, "-----BEGIN X509 CERTIFICATE-----"))
    {
      result = parse_certificates (&datum, GNUTLS_X509_FMT_PEM);
    }
  else
    {
      found_format = STI_CERTIFICATE_FILE_FORMAT_DER;
      result = parse_certificates (&datum, GNUTLS_X509_FMT_DER);
      if (result == NULL)
        {
          result = parse_pkcs7 (&datum, GNUTLS_X509_FMT_DER);
          found_format = STI_CERTIFICATE_FILE_FORMAT_PKCS7;
        }
      if (result == NULL)
        {
          request = parse_request (&datum, GNUTLS_X509_FMT_DER);
          found_kind = STI_CERTIFICATE_KIND_REQUEST;
          found_format = STI_CERTIFICATE_FILE_FORMAT_DER;
        }
    }

  if (request != NULL)
    {
      result = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
      g_ptr_array_add (result, request);
    }

  if (result == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("This file is not a certificate. The viewer opens X.509 "
                             "certificates in PEM or DER, certificate bundles, PKCS #7 "
                             "files (.p7b, .p7c) and certificate requests (.csr)."));
      return NULL;
    }

  if (kind != NULL)
    *kind = found_kind;
  if (format != NULL)
    *format = found_format;

  return g_steal_pointer (&result);
}

/**
 * sti_certificate_file_has_private_key:
 * @data: the contents of a file
 *
 * A certificate file sometimes carries the server's private key too
 * (a "combined PEM"): the viewer warns that such a file must stay secret.
 * The key itself is never read.
 *
 * Returns: %TRUE when @data holds a PEM private key (PKCS #8, plain or
 *   encrypted, or the older RSA, EC, DSA and OpenSSH forms)
 */
gboolean
sti_certificate_file_has_private_key (GBytes *data)
{
  static const char * const markers[] = {
    "-----BEGIN PRIVATE KEY-----",
    "-----BEGIN ENCRYPTED PRIVATE KEY-----",
    "-----BEGIN RSA PRIVATE KEY-----",
    "-----BEGIN EC PRIVATE KEY-----",
    "-----BEGIN DSA PRIVATE KEY-----",
    "-----BEGIN OPENSSH PRIVATE KEY-----",
  };

  g_return_val_if_fail (data != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (markers); i++)
    {
      if (contains (data, markers[i]))
        return TRUE;
    }
  return FALSE;
}
