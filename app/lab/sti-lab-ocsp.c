/* sti-lab-ocsp.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-lab-ocsp.h"

#include "sti-gnutls-private.h"
#include "sti-text.h"

#include <gnutls/abstract.h>
#include <gnutls/ocsp.h>
#include <string.h>

/* The lab's OCSP responder (RFC 6960) for certificates of one issuer, which
 * signs its answers itself (no delegated responder). GnuTLS parses and
 * verifies OCSP but cannot write responses, so the BasicOCSPResponse is
 * built here in DER by hand; it is small and fixed in shape:
 *
 *   OCSPResponse { responseStatus 0, [0] { id-pkix-ocsp-basic, OCTET STRING {
 *     BasicOCSPResponse { ResponseData { [2] byKey, producedAt,
 *       { SingleResponse { CertID (echoed from the request), status,
 *         thisUpdate, [0] nextUpdate } } }, signatureAlgorithm, signature } } } }
 *
 * Every serial of the issuer is "good" unless revoked here; a request for
 * another issuer gets "unknown". */

struct _StiLabOcsp
{
  StiLabCert        issuer;      /* the handles are borrowed, not owned */
  guint8            name_hash[20];
  guint8            key_hash[20];
  GHashTable       *revoked;     /* serial hex -> RevokedEntry */
};

typedef struct
{
  gint64 at;
  guint  reason;
} RevokedEntry;

static const guint8 oid_basic[] = { 0x06, 0x09, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01,
                                    0x01 };
static const guint8 alg_ecdsa_sha256[] = { 0x30, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce,
                                           0x3d, 0x04, 0x03, 0x02 };
static const guint8 alg_rsa_sha256[] = { 0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7,
                                         0x0d, 0x01, 0x01, 0x0b, 0x05, 0x00 };
static const guint8 alg_sha1[] = { 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a,
                                   0x05, 0x00 };
static const guint8 alg_sha256[] = { 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65,
                                     0x03, 0x04, 0x02, 0x01, 0x05, 0x00 };
static const guint8 malformed_request[] = { 0x30, 0x03, 0x0a, 0x01, 0x01 };

static void
der_header (GByteArray *out,
            guint8      tag,
            gsize       len)
{
  guint8 header[6] = { tag, 0, };
  guint n = 2;

  if (len < 0x80)
    header[1] = len;
  else if (len < 0x100)
    {
      header[1] = 0x81;
      header[2] = len;
      n = 3;
    }
  else if (len < 0x10000)
    {
      header[1] = 0x82;
      header[2] = len >> 8;
      header[3] = len;
      n = 4;
    }
  else
    {
      header[1] = 0x83;
      header[2] = len >> 16;
      header[3] = len >> 8;
      header[4] = len;
      n = 5;
    }

  g_byte_array_append (out, header, n);
}

/**
 * sti_lab_der_append:
 * @out: where the element is appended
 * @tag: its DER tag
 * @data: (nullable): its content
 * @len: the length of @data
 *
 * Appends one DER element (tag, definite length, content). The lab's
 * OCSP answers and the tests' hand-made certificate extensions are built
 * with it.
 */
void
sti_lab_der_append (GByteArray   *out,
                    guint8        tag,
                    const guint8 *data,
                    gsize         len)
{
  der_header (out, tag, len);
  g_byte_array_append (out, data, len);
}

/* Wraps the whole of @inner in one TLV, in place. */
static GByteArray *
der_wrap (guint8      tag,
          GByteArray *inner)
{
  GByteArray *out = g_byte_array_new ();

  sti_lab_der_append (out, tag, inner->data, inner->len);
  g_byte_array_unref (inner);

  return out;
}

static void
der_time (GByteArray *out,
          gint64      when)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (when);
  g_autofree char *str = g_date_time_format (dt, "%Y%m%d%H%M%SZ");

  sti_lab_der_append (out, 0x18, (const guint8 *)str, strlen (str));
}

static void
sha1 (const guint8 *data,
      gsize         len,
      guint8        out[20])
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA1);
  gsize size = 20;

  g_checksum_update (checksum, data, len);
  g_checksum_get_digest (checksum, out, &size);
}

/* Reads one DER TLV at @p (within @end): returns the content, its length,
 * and moves @p past it. */
static const guint8 *
der_read (const guint8 **p,
          const guint8  *end,
          guint8        *tag,
          gsize         *len)
{
  const guint8 *q = *p;
  gsize l;

  if (end - q < 2)
    return NULL;
  *tag = *q++;
  l = *q++;
  if (l & 0x80)
    {
      guint n = l & 0x7f;

      if (n == 0 || n > 3 || (gsize)(end - q) < n)
        return NULL;
      l = 0;
      while (n-- > 0)
        l = (l << 8) | *q++;
    }
  if ((gsize)(end - q) < l)
    return NULL;

  *len = l;
  *p = q + l;
  return q;
}

/* RFC 6960 4.1.1: SHA-1 of the issuer's DN and of the subjectPublicKey
 * BIT STRING's value (without tag, length and unused-bits byte). */
static gboolean
compute_issuer_hashes (StiLabOcsp *self)
{
  g_auto(StiGnutlsDatum) dn = { NULL, 0 };
  g_auto(StiGnutlsDatum) spki = { NULL, 0 };
  g_auto(gnutls_pubkey_t) pubkey = NULL;
  const guint8 *p, *end, *seq, *alg, *bits;
  gsize len;
  guint8 tag;

  if (gnutls_x509_crt_get_raw_dn (self->issuer.crt, &dn) < 0)
    return FALSE;
  sha1 (dn.data, dn.size, self->name_hash);

  if (gnutls_pubkey_init (&pubkey) < 0 ||
      gnutls_pubkey_import_x509 (pubkey, self->issuer.crt, 0) < 0 ||
      gnutls_pubkey_export2 (pubkey, GNUTLS_X509_FMT_DER, &spki) < 0)
    return FALSE;

  p = spki.data;
  end = spki.data + spki.size;
  if ((seq = der_read (&p, end, &tag, &len)) == NULL || tag != 0x30)
    return FALSE;
  p = seq;
  end = seq + len;
  if ((alg = der_read (&p, end, &tag, &len)) == NULL || tag != 0x30)
    return FALSE;
  if ((bits = der_read (&p, end, &tag, &len)) == NULL || tag != 0x03 || len < 1)
    return FALSE;

  sha1 (bits + 1, len - 1, self->key_hash);
  return TRUE;
}

/**
 * sti_lab_ocsp_new:
 * @issuer: the CA whose certificates this responder answers for; its
 *   certificate and key (not the struct itself) must outlive the responder
 *
 * Returns: (transfer full): a responder
 */
StiLabOcsp *
sti_lab_ocsp_new (const StiLabCert *issuer)
{
  StiLabOcsp *self = g_new0 (StiLabOcsp, 1);

  self->issuer = *issuer;
  self->revoked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (!compute_issuer_hashes (self))
    g_warning ("Demo lab: cannot compute the OCSP issuer hashes");

  return self;
}

void
sti_lab_ocsp_free (StiLabOcsp *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->revoked, g_hash_table_unref);
  g_free (self);
}

static char *
serial_hex (const guint8 *data,
            gsize         len)
{
  /* DER INTEGERs may carry a leading 0x00: the same serial. */
  while (len > 1 && data[0] == 0)
    {
      data++;
      len--;
    }

  return sti_hex_encode (data, len, FALSE);
}

/**
 * sti_lab_ocsp_revoke:
 * @self: a responder
 * @cert: a certificate issued by the responder's CA
 * @revoked_at: when (seconds since the epoch)
 * @reason: the CRLReason (1: keyCompromise)
 */
void
sti_lab_ocsp_revoke (StiLabOcsp       *self,
                     const StiLabCert *cert,
                     gint64            revoked_at,
                     guint             reason)
{
  guint8 serial[64];
  size_t size = sizeof serial;
  RevokedEntry *entry;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cert != NULL);

  if (gnutls_x509_crt_get_serial (cert->crt, serial, &size) < 0)
    return;

  entry = g_new0 (RevokedEntry, 1);
  entry->at = revoked_at;
  entry->reason = reason;
  g_hash_table_replace (self->revoked, serial_hex (serial, size), entry);
}

static GBytes *
single_answer (StiLabOcsp           *self,
               gboolean              sha1_ids,
               const gnutls_datum_t *name_hash,
               const gnutls_datum_t *key_hash,
               const gnutls_datum_t *serial,
               gint64                now)
{
  g_autoptr(GByteArray) cert_id = g_byte_array_new ();
  g_autoptr(GByteArray) single = g_byte_array_new ();
  g_autoptr(GByteArray) tbs = g_byte_array_new ();
  g_autoptr(GByteArray) basic = g_byte_array_new ();
  g_autoptr(GByteArray) response = g_byte_array_new ();
  g_autoptr(GByteArray) inner = NULL;
  g_autoptr(GByteArray) next_update = g_byte_array_new ();
  g_autofree char *hex = serial_hex (serial->data, serial->size);
  g_auto(gnutls_privkey_t) key = NULL;
  g_auto(StiGnutlsDatum) signature = { NULL, 0 };
  gnutls_datum_t tbs_datum;
  gboolean ours;
  RevokedEntry *revoked;
  int pk;

  ours = sha1_ids && name_hash->size == 20 && key_hash->size == 20 &&
         memcmp (name_hash->data, self->name_hash, 20) == 0 &&
         memcmp (key_hash->data, self->key_hash, 20) == 0;
  revoked = ours ? g_hash_table_lookup (self->revoked, hex) : NULL;

  /* CertID, echoed */
  if (sha1_ids)
    g_byte_array_append (cert_id, alg_sha1, sizeof alg_sha1);
  else
    g_byte_array_append (cert_id, alg_sha256, sizeof alg_sha256);
  sti_lab_der_append (cert_id, 0x04, name_hash->data, name_hash->size);
  sti_lab_der_append (cert_id, 0x04, key_hash->data, key_hash->size);
  sti_lab_der_append (cert_id, 0x02, serial->data, serial->size);
  sti_lab_der_append (single, 0x30, cert_id->data, cert_id->len);

  if (!ours)
    sti_lab_der_append (single, 0x82, NULL, 0);          /* unknown [2] IMPLICIT NULL */
  else if (revoked == NULL)
    sti_lab_der_append (single, 0x80, NULL, 0);          /* good [0] IMPLICIT NULL */
  else
    {
      g_autoptr(GByteArray) info = g_byte_array_new ();
      guint8 reason[] = { 0xa0, 0x03, 0x0a, 0x01, revoked->reason };

      der_time (info, revoked->at);
      g_byte_array_append (info, reason, sizeof reason);
      /* revoked [1] IMPLICIT RevokedInfo */
      sti_lab_der_append (single, 0xa1, info->data, info->len);
    }

  der_time (single, now - 60);                   /* thisUpdate */
  der_time (next_update, now + 3 * 24 * 3600);
  sti_lab_der_append (single, 0xa0, next_update->data, next_update->len);

  /* ResponseData */
  {
    g_autoptr(GByteArray) by_key = g_byte_array_new ();
    g_autoptr(GByteArray) responses = g_byte_array_new ();

    sti_lab_der_append (by_key, 0x04, self->key_hash, 20);
    sti_lab_der_append (tbs, 0xa2, by_key->data, by_key->len);
    der_time (tbs, now);
    sti_lab_der_append (responses, 0x30, single->data, single->len);
    sti_lab_der_append (tbs, 0x30, responses->data, responses->len);
  }
  inner = g_byte_array_new ();
  sti_lab_der_append (inner, 0x30, tbs->data, tbs->len);

  /* Signature over the DER ResponseData, by the issuer itself. */
  tbs_datum.data = inner->data;
  tbs_datum.size = inner->len;
  pk = gnutls_x509_privkey_get_pk_algorithm (self->issuer.key);
  if (gnutls_privkey_init (&key) < 0 ||
      gnutls_privkey_import_x509 (key, self->issuer.key, 0) < 0 ||
      gnutls_privkey_sign_data (key, GNUTLS_DIG_SHA256, 0, &tbs_datum, &signature) < 0)
    return g_bytes_new_static (malformed_request, sizeof malformed_request);

  g_byte_array_append (basic, inner->data, inner->len);
  if (pk == GNUTLS_PK_ECDSA)
    g_byte_array_append (basic, alg_ecdsa_sha256, sizeof alg_ecdsa_sha256);
  else
    g_byte_array_append (basic, alg_rsa_sha256, sizeof alg_rsa_sha256);
  der_header (basic, 0x03, signature.size + 1);
  g_byte_array_append (basic, (const guint8 *)"\0", 1);
  g_byte_array_append (basic, signature.data, signature.size);
  basic = der_wrap (0x30, g_steal_pointer (&basic));

  /* OCSPResponse */
  {
    g_autoptr(GByteArray) bytes = g_byte_array_new ();
    g_autoptr(GByteArray) body = g_byte_array_new ();
    const guint8 successful[] = { 0x0a, 0x01, 0x00 };

    g_byte_array_append (bytes, oid_basic, sizeof oid_basic);
    sti_lab_der_append (bytes, 0x04, basic->data, basic->len);
    sti_lab_der_append (body, 0x30, bytes->data, bytes->len);
    g_byte_array_append (response, successful, sizeof successful);
    sti_lab_der_append (response, 0xa0, body->data, body->len);
  }
  response = der_wrap (0x30, g_steal_pointer (&response));

  return g_byte_array_free_to_bytes (g_steal_pointer (&response));
}

/**
 * sti_lab_ocsp_answer:
 * @self: a responder
 * @request_der: an OCSPRequest (DER)
 * @now: the time to sign for
 *
 * Answers the first certificate of the request (ours ask for one).
 *
 * Returns: (transfer full): an OCSPResponse (DER); "malformedRequest"
 *   for anything unparseable
 */
GBytes *
sti_lab_ocsp_answer (StiLabOcsp *self,
                     GBytes     *request_der,
                     gint64      now)
{
  g_auto(gnutls_ocsp_req_t) req = NULL;
  gnutls_datum_t datum;
  gnutls_datum_t name_hash = { NULL, 0 }, key_hash = { NULL, 0 }, serial = { NULL, 0 };
  gnutls_digest_algorithm_t digest;
  GBytes *answer;
  gsize size;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (request_der != NULL, NULL);

  datum.data = (unsigned char *)g_bytes_get_data (request_der, &size);
  datum.size = size;

  if (gnutls_ocsp_req_init (&req) < 0 ||
      gnutls_ocsp_req_import (req, &datum) < 0 ||
      gnutls_ocsp_req_get_cert_id (req, 0, &digest, &name_hash, &key_hash, &serial) < 0)
    return g_bytes_new_static (malformed_request, sizeof malformed_request);

  /* Our hashes are SHA-1: a request with any other is answered "unknown". */
  answer = single_answer (self, digest == GNUTLS_DIG_SHA1, &name_hash, &key_hash, &serial, now);
  gnutls_free (name_hash.data);
  gnutls_free (key_hash.data);
  gnutls_free (serial.data);

  return answer;
}

/**
 * sti_lab_ocsp_answer_get_path:
 * @self: a responder
 * @path: the path of an RFC 6960 A.1 GET request: the responder's own path,
 *   "/", then the URL-encoded base64 of the request
 * @now: the time to sign for
 *
 * Returns: (transfer full): an OCSPResponse (DER)
 */
GBytes *
sti_lab_ocsp_answer_get_path (StiLabOcsp *self,
                              const char *path,
                              gint64      now)
{
  g_autofree char *unescaped = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  /* Base64 has "/" in its alphabet, and an HTTP stack may hand the path
   * over with %2F already decoded: try each "/" as the start of the
   * request, leftmost first. */
  unescaped = g_uri_unescape_string (path, NULL);
  for (const char *p = unescaped != NULL ? strchr (unescaped, '/') : NULL;
       p != NULL;
       p = strchr (p + 1, '/'))
    {
      g_auto(gnutls_ocsp_req_t) req = NULL;
      g_autofree guchar *der = NULL;
      gnutls_datum_t datum;
      gsize len = 0;

      if (p[1] == '\0' || strspn (p + 1, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                          "0123456789+/=") != strlen (p + 1))
        continue;

      der = g_base64_decode (p + 1, &len);
      datum.data = der;
      datum.size = len;
      if (len == 0 || gnutls_ocsp_req_init (&req) < 0 || gnutls_ocsp_req_import (req, &datum) < 0)
        continue;

      {
        g_autoptr(GBytes) request = g_bytes_new_take (g_steal_pointer (&der), len);

        return sti_lab_ocsp_answer (self, request, now);
      }
    }

  return g_bytes_new_static (malformed_request, sizeof malformed_request);
}
