/* sti-trust-store.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-trust-store.h"

#include "sti-error-text.h"
#include "sti-trust-store-private.h"
#include "sti-text.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <string.h>

/* Trust is explicit (DESIGN.md, decision 5): the system store unless the
 * caller says otherwise, plus named extra anchors, and a description that
 * reports say out loud. Anchors are also kept as DER so that "is this
 * certificate itself an anchor?" needs no GnuTLS lookup.
 *
 * The system store is loaded once per process (DESIGN.md, decision 11),
 * on a thread of its own, started as early as a caller asks for it
 * (sti_trust_store_preload_system()), so that it overlaps the DNS phase
 * instead of holding up the main loop. Every store shares the parsed
 * system anchors: its GnuTLS list holds pointers to them (the list does
 * not own them, see finalize), and they are attached on the first use of
 * the store, waiting for the load only if it has not finished yet. */
struct _StiTrustStore
{
  GObject parent_instance;

  GMutex                    lock;        /* guards attaching the system anchors */
  gnutls_x509_trust_list_t  list;
  GPtrArray                *extra_crts;  /* gnutls_x509_crt_t the list points to, owned */
  GPtrArray                *anchors_der; /* GBytes of the extra anchors */
  GPtrArray                *labels;      /* what was added, for the description */
  char                     *description;
  char                     *system_error; /* why the system anchors are missing */
  guint                     n_system;
  guint                     n_extra;
  guint                     use_system : 1;
  guint                     system_attached : 1;
};

G_DEFINE_FINAL_TYPE (StiTrustStore, sti_trust_store, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DESCRIPTION,
  PROP_N_ANCHORS,
  PROP_USES_SYSTEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The system anchors of the process: loaded once, by the first caller of
 * system_anchors_start(), on a thread of their own, and kept for the
 * process's lifetime. Read-only once loaded. */
typedef enum
{
  SYSTEM_IDLE,
  SYSTEM_LOADING,
  SYSTEM_LOADED,
} SystemState;

static GMutex       system_lock;
static GCond        system_loaded;
static SystemState  system_state;
static GPtrArray   *system_crts;   /* gnutls_x509_crt_t */
static char        *system_error;

/* GnuTLS knows where the system store is (a bundle file, a directory or a
 * PKCS#11 trust module); its list hands out copies only, so the anchors
 * are copied once here, and the loading list goes. */
static void
system_anchors_load (GPtrArray **crts_out,
                     char      **error_out)
{
  g_autoptr(GPtrArray) crts = g_ptr_array_new ();
  g_auto(gnutls_x509_trust_list_t) loading = NULL;
  gnutls_x509_trust_list_iter_t iter = NULL;
  gnutls_x509_crt_t crt = NULL;
  int ret;

  ret = gnutls_x509_trust_list_init (&loading, 0);
  if (ret >= 0)
    ret = gnutls_x509_trust_list_add_system_trust (loading, 0, 0);
  if (ret < 0)
    {
      *error_out = g_strdup_printf ("Cannot load the system trust store: %s",
                                    gnutls_strerror (ret));
      *crts_out = g_steal_pointer (&crts);
      return;
    }

  while (gnutls_x509_trust_list_iter_get_ca (loading, &iter, &crt) >= 0)
    g_ptr_array_add (crts, g_steal_pointer (&crt));
  gnutls_x509_trust_list_iter_deinit (iter);

  *crts_out = g_steal_pointer (&crts);
}

static gpointer
system_anchors_thread (gpointer data)
{
  GPtrArray *crts = NULL;
  char *error = NULL;
  gint64 start = g_get_monotonic_time ();

  system_anchors_load (&crts, &error);
  g_debug ("System trust store: %u anchors in %.1f ms%s%s", crts->len,
           (g_get_monotonic_time () - start) / 1000.0,
           error != NULL ? ": " : "", error != NULL ? error : "");

  g_mutex_lock (&system_lock);
  system_crts = crts;
  system_error = error;
  system_state = SYSTEM_LOADED;
  g_cond_broadcast (&system_loaded);
  g_mutex_unlock (&system_lock);

  return NULL;
}

static void
system_anchors_start (void)
{
  g_mutex_lock (&system_lock);
  if (system_state == SYSTEM_IDLE)
    {
      system_state = SYSTEM_LOADING;
      g_thread_unref (g_thread_new ("sti-trust-store", system_anchors_thread, NULL));
    }
  g_mutex_unlock (&system_lock);
}

/* Blocks until the system anchors are loaded; returns them (borrowed,
 * for the process's lifetime) and the error of the load, if any. */
static GPtrArray *
system_anchors_wait (const char **error)
{
  GPtrArray *crts;

  system_anchors_start ();

  g_mutex_lock (&system_lock);
  while (system_state != SYSTEM_LOADED)
    g_cond_wait (&system_loaded, &system_lock);
  crts = system_crts;
  *error = system_error;
  g_mutex_unlock (&system_lock);

  return crts;
}

/* The system anchors join the list on its first use. Adding takes the
 * certificates by pointer: nothing is parsed again. */
static void
ensure_system (StiTrustStore *self)
{
  GPtrArray *crts;
  const char *error = NULL;

  if (!self->use_system)
    return;

  g_mutex_lock (&self->lock);
  if (!self->system_attached)
    {
      crts = system_anchors_wait (&error);
      if (crts->len > 0)
        gnutls_x509_trust_list_add_cas (self->list, (gnutls_x509_crt_t *)crts->pdata,
                                        crts->len, 0);
      self->n_system = crts->len;
      self->system_error = g_strdup (error);
      self->system_attached = TRUE;
    }
  g_mutex_unlock (&self->lock);
}

static void
update_description (StiTrustStore *self)
{
  GString *str = g_string_new (NULL);

  if (!self->use_system)
    g_string_append (str, "no system store");
  else if (self->system_error != NULL)
    g_string_append_printf (str, "system store (unavailable: %s)", self->system_error);
  else
    g_string_append_printf (str, "system store (%u anchors)", self->n_system);

  for (guint i = 0; i < self->labels->len; i++)
    g_string_append_printf (str, " + %s", (const char *)g_ptr_array_index (self->labels, i));

  g_free (self->description);
  self->description = g_string_free (str, FALSE);
}

/* The description waits for the system anchors: it counts them. */
static void
notify_anchors_changed (StiTrustStore *self)
{
  g_clear_pointer (&self->description, g_free);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ANCHORS]);
}

static gboolean
add_crt_list (StiTrustStore     *self,
              gnutls_x509_crt_t *crts,
              guint              n_crts,
              const char        *label)
{
  int ret;

  for (guint i = 0; i < n_crts; i++)
    {
      g_auto(StiGnutlsDatum) der = { NULL, 0 };

      if (gnutls_x509_crt_export2 (crts[i], GNUTLS_X509_FMT_DER, &der) >= 0)
        g_ptr_array_add (self->anchors_der, g_bytes_new (der.data, der.size));
    }

  /* The list points to the certificates; we own them (finalize). */
  ret = gnutls_x509_trust_list_add_cas (self->list, crts, n_crts, 0);
  if (ret < 0)
    return FALSE;

  for (guint i = 0; i < n_crts; i++)
    g_ptr_array_add (self->extra_crts, crts[i]);
  self->n_extra += n_crts;
  g_ptr_array_add (self->labels, sti_text_sanitize_str (label));
  notify_anchors_changed (self);

  return TRUE;
}

static gboolean
add_datum (StiTrustStore          *self,
           const gnutls_datum_t   *datum,
           const char             *label,
           GError                **error)
{
  gnutls_x509_crt_t *crts = NULL;
  unsigned int n_crts = 0;
  gnutls_x509_crt_fmt_t fmt;
  int ret;

  fmt = g_strstr_len ((const char *)datum->data, datum->size, "-----BEGIN") != NULL
        ? GNUTLS_X509_FMT_PEM : GNUTLS_X509_FMT_DER;

  ret = gnutls_x509_crt_list_import2 (&crts, &n_crts, datum, fmt, 0);
  if (ret < 0 || n_crts == 0)
    {
      g_autofree char *problem = sti_error_text_dup_problem (STI_PROBLEM_CA_FILE_UNREADABLE,
                                                             ret < 0 ? gnutls_strerror (ret)
                                                                     : NULL);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: %s", label, problem);
      return FALSE;
    }

  if (!add_crt_list (self, crts, n_crts, label))
    {
      for (guint i = 0; i < n_crts; i++)
        gnutls_x509_crt_deinit (crts[i]);
      gnutls_free (crts);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "Cannot add the certificates of %s to the trust store", label);
      return FALSE;
    }

  gnutls_free (crts);
  return TRUE;
}

static void
sti_trust_store_finalize (GObject *object)
{
  StiTrustStore *self = (StiTrustStore *)object;

  /* 0: the list owns none of its certificates; the system anchors belong
   * to the process, the extra ones to extra_crts. */
  if (self->list != NULL)
    gnutls_x509_trust_list_deinit (self->list, 0);
  self->list = NULL;
  g_clear_pointer (&self->extra_crts, g_ptr_array_unref);
  g_clear_pointer (&self->anchors_der, g_ptr_array_unref);
  g_clear_pointer (&self->labels, g_ptr_array_unref);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->system_error, g_free);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (sti_trust_store_parent_class)->finalize (object);
}

static void
sti_trust_store_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  StiTrustStore *self = STI_TRUST_STORE (object);

  switch (prop_id)
    {
    case PROP_DESCRIPTION:
      g_value_set_string (value, sti_trust_store_get_description (self));
      break;

    case PROP_N_ANCHORS:
      g_value_set_uint (value, sti_trust_store_get_n_anchors (self));
      break;

    case PROP_USES_SYSTEM:
      g_value_set_boolean (value, sti_trust_store_get_uses_system (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sti_trust_store_class_init (StiTrustStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = sti_trust_store_finalize;
  object_class->get_property = sti_trust_store_get_property;

  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, flags);
  properties[PROP_N_ANCHORS] =
    g_param_spec_uint ("n-anchors", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_USES_SYSTEM] = g_param_spec_boolean ("uses-system", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sti_trust_store_init (StiTrustStore *self)
{
  g_mutex_init (&self->lock);
  self->extra_crts = g_ptr_array_new_with_free_func ((GDestroyNotify)gnutls_x509_crt_deinit);
  self->anchors_der = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  self->labels = g_ptr_array_new_with_free_func (g_free);
}

/**
 * sti_trust_store_preload_system:
 *
 * Starts loading the system's trusted CAs on a thread of their own, unless
 * that has started already: they are loaded once per process. Call it as
 * early as a check is foreseeable; the first use of a store waits for the
 * load only if it has not finished by then.
 */
void
sti_trust_store_preload_system (void)
{
  system_anchors_start ();
}

/**
 * sti_trust_store_new:
 * @use_system: whether to trust the system's CAs
 * @error: return location for an error
 *
 * Returns at once: the system's CAs, loaded once per process on a thread
 * of their own (sti_trust_store_preload_system()), join the store on its
 * first use. Should they fail to load, the store trusts its extra anchors
 * only and its description says why; @error is set when that is already
 * known. Add extra anchors before the store is shared with other threads.
 *
 * Returns: (transfer full) (nullable): a new trust store
 */
StiTrustStore *
sti_trust_store_new (gboolean   use_system,
                     GError   **error)
{
  g_autoptr(StiTrustStore) self = g_object_new (STI_TYPE_TRUST_STORE, NULL);
  int ret;

  ret = gnutls_x509_trust_list_init (&self->list, 0);
  if (ret < 0)
    {
      self->list = NULL;
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "Cannot create a trust list: %s", gnutls_strerror (ret));
      return NULL;
    }

  self->use_system = !!use_system;
  if (use_system)
    {
      gboolean failed;

      system_anchors_start ();

      g_mutex_lock (&system_lock);
      failed = system_state == SYSTEM_LOADED && system_error != NULL;
      if (failed)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, system_error);
      g_mutex_unlock (&system_lock);
      if (failed)
        return NULL;
    }

  return g_steal_pointer (&self);
}

/**
 * sti_trust_store_get_system:
 *
 * The store of the system's CAs alone, for whoever needs no other anchors
 * (e.g. an MTA-STS fetch given none). Made on the first call, thread-safe.
 *
 * Returns: (transfer none): the process's system store
 */
StiTrustStore *
sti_trust_store_get_system (void)
{
  static StiTrustStore *system_store;

  if (g_once_init_enter (&system_store))
    {
      StiTrustStore *store = g_object_new (STI_TYPE_TRUST_STORE, NULL);

      if (gnutls_x509_trust_list_init (&store->list, 0) < 0)
        g_error ("Cannot create a trust list");
      store->use_system = TRUE;
      system_anchors_start ();
      g_once_init_leave (&system_store, store);
    }

  return system_store;
}

/* Whether @crt may anchor a chain: a CA (basic constraints), or an old
 * self-issued root without the extension. */
static gboolean
crt_is_anchor (gnutls_x509_crt_t crt)
{
  unsigned int critical = 0;
  int ca = gnutls_x509_crt_get_ca_status (crt, &critical);

  if (ca >= 0)
    return ca > 0;

  return gnutls_x509_crt_check_issuer (crt, crt) != 0;
}

/**
 * sti_trust_store_check_ca_file:
 * @path: a file a user chose as an extra certificate authority
 * @n_certificates: (out) (optional): how many certificates it holds
 * @error: where to say, in words for people, what is wrong with it
 *
 * Checks @path where it is chosen (Preferences), as
 * sti_trust_store_add_ca_file() would read it: one or more certificates,
 * PEM or DER, each one of a certificate authority.
 *
 * Returns: %TRUE when @path holds only CA certificates
 */
gboolean
sti_trust_store_check_ca_file (const char  *path,
                               guint       *n_certificates,
                               GError     **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *display = NULL;
  gnutls_x509_crt_t *crts = NULL;
  unsigned int n_crts = 0;
  gnutls_datum_t datum;
  gboolean ok = TRUE;
  gsize len = 0;
  int ret;

  g_return_val_if_fail (path != NULL, FALSE);

  display = g_filename_display_name (path);
  if (!g_file_get_contents (path, &contents, &len, error))
    return FALSE;
  if (len == 0 || len > 16 * 1024 * 1024)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   /* Translators: %s is a file name */
                   len == 0 ? _("“%s” is empty.")
                            : _("“%s” is too large to be a certificate file."),
                   display);
      return FALSE;
    }

  datum.data = (unsigned char *)contents;
  datum.size = len;
  ret = gnutls_x509_crt_list_import2 (&crts, &n_crts, &datum,
                                      strstr (contents, "-----BEGIN") != NULL
                                      ? GNUTLS_X509_FMT_PEM : GNUTLS_X509_FMT_DER, 0);
  if (ret < 0 || n_crts == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   /* Translators: %s is a file name */
                   _("“%s” holds no certificate. A certificate authority file is a PEM file "
                     "(text with “-----BEGIN CERTIFICATE-----” blocks) or one DER certificate."),
                   display);
      return FALSE;
    }

  for (guint i = 0; i < n_crts; i++)
    {
      if (ok && !crt_is_anchor (crts[i]))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       /* Translators: %s is a file name, %u the position of a certificate in it */
                       _("Certificate %u of “%s” is not a certificate authority’s: trusting it "
                         "would not make server certificates valid. Choose the file of the "
                         "CA that issued them."), i + 1, display);
          ok = FALSE;
        }
      gnutls_x509_crt_deinit (crts[i]);
    }
  gnutls_free (crts);

  if (ok && n_certificates != NULL)
    *n_certificates = n_crts;
  return ok;
}

/**
 * sti_trust_store_add_ca_file:
 * @path: a PEM (one or more certificates) or DER file
 *
 * Adds the certificates of @path as anchors. The description names @path.
 */
gboolean
sti_trust_store_add_ca_file (StiTrustStore  *self,
                             const char     *path,
                             GError        **error)
{
  g_autofree char *contents = NULL;
  gsize len = 0;
  gnutls_datum_t datum;

  g_return_val_if_fail (STI_IS_TRUST_STORE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!g_file_get_contents (path, &contents, &len, error))
    return FALSE;

  if (len == 0 || len > 16 * 1024 * 1024)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%s is not a certificate file", display);
      return FALSE;
    }

  datum.data = (unsigned char *)contents;
  datum.size = len;

  {
    g_autofree char *display = g_filename_display_name (path);

    return add_datum (self, &datum, display, error);
  }
}

/**
 * sti_trust_store_add_ca_pem:
 * @pem: one or more PEM certificates
 * @label: what the description calls them, e.g. "demo lab CA"
 */
gboolean
sti_trust_store_add_ca_pem (StiTrustStore  *self,
                            const char     *pem,
                            const char     *label,
                            GError        **error)
{
  gnutls_datum_t datum;

  g_return_val_if_fail (STI_IS_TRUST_STORE (self), FALSE);
  g_return_val_if_fail (pem != NULL, FALSE);

  if (label == NULL)
    label = "extra CA";

  if (strstr (pem, "-----BEGIN") == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "No PEM certificate found in %s", label);
      return FALSE;
    }

  datum.data = (unsigned char *)pem;
  datum.size = strlen (pem);

  return add_datum (self, &datum, label, error);
}

gboolean
sti_trust_store_add_ca_der (StiTrustStore  *self,
                            GBytes         *der,
                            const char     *label,
                            GError        **error)
{
  gnutls_datum_t datum;
  gsize size;

  g_return_val_if_fail (STI_IS_TRUST_STORE (self), FALSE);
  g_return_val_if_fail (der != NULL, FALSE);

  datum.data = (unsigned char *)g_bytes_get_data (der, &size);
  datum.size = size;

  if (size == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "Empty certificate");
      return FALSE;
    }

  return add_datum (self, &datum, label != NULL ? label : "extra CA", error);
}

/* e.g. "system store (146 anchors) + /etc/ssl/ca.pem + demo lab CA";
 * waits for the system anchors. */
const char *
sti_trust_store_get_description (StiTrustStore *self)
{
  g_return_val_if_fail (STI_IS_TRUST_STORE (self), NULL);

  ensure_system (self);
  if (self->description == NULL)
    update_description (self);

  return self->description;
}

/* The parts update_description() writes, in the reader's language */
static const char * const description_labels[] = {
  N_("no system store"),
  N_("demo lab CA"),
  N_("extra CA"),
};

/* One part of a description, in the reader's language; NULL when the
 * part is not one of ours (a file name) or the catalog keeps it English. */
static char *
dup_description_part (const char *part)
{
  const char *prefix = "system store (";
  const char *unavailable = "system store (unavailable: ";
  const char *text;

  for (guint i = 0; i < G_N_ELEMENTS (description_labels); i++)
    if (g_str_equal (part, description_labels[i]))
      {
        text = _(description_labels[i]);
        return text != description_labels[i] ? g_strdup (text) : NULL;
      }

  if (g_str_has_prefix (part, unavailable) && g_str_has_suffix (part, ")"))
    {
      g_autofree char *why = g_strndup (part + strlen (unavailable),
                                        strlen (part) - strlen (unavailable) - 1);

      if (g_str_equal (_("system store (unavailable: %s)"), "system store (unavailable: %s)"))
        return NULL;
      /* Translators: %s is why the system's trust store could not be read */
      return g_strdup_printf (_("system store (unavailable: %s)"), why);
    }

  if (g_str_has_prefix (part, prefix) && g_ascii_isdigit (part[strlen (prefix)]))
    {
      const char *singular = "system store (%u anchor)";
      char *end = NULL;
      guint64 n = g_ascii_strtoull (part + strlen (prefix), &end, 10);

      /* gettext's lookup of a singular finds its message with plural forms too */
      if (!g_str_equal (end, " anchors)") || n > G_MAXUINT ||
          g_str_equal (_(singular), singular))
        return NULL;
      /* Translators: the system's trust store and how many CAs it trusts */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "system store (%u anchor)",
                                           "system store (%u anchors)", (gulong)n),
                              (guint)n);
    }

  return NULL;
}

/**
 * sti_trust_store_dup_description_text:
 * @description: sti_trust_store_get_description(), as a report keeps it
 *
 * The description for people, in their language: "Systemspeicher (144
 * Anker) + Demo-Labor-CA". Reports keep the English one (it is in the
 * JSON); file names stay as they are.
 *
 * Returns: (transfer full): the description
 */
char *
sti_trust_store_dup_description_text (const char *description)
{
  g_auto(GStrv) parts = NULL;

  if (description == NULL)
    return g_strdup ("");

  parts = g_strsplit (description, " + ", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *text = dup_description_part (parts[i]);

      if (text != NULL)
        {
          g_free (parts[i]);
          parts[i] = text;
        }
    }

  return g_strjoinv (" + ", parts);
}

guint
sti_trust_store_get_n_anchors (StiTrustStore *self)
{
  g_return_val_if_fail (STI_IS_TRUST_STORE (self), 0);

  ensure_system (self);
  return self->n_system + self->n_extra;
}

gboolean
sti_trust_store_get_uses_system (StiTrustStore *self)
{
  g_return_val_if_fail (STI_IS_TRUST_STORE (self), FALSE);
  return self->use_system;
}

/* Whether @der is itself one of the anchors (system or extra). */
gboolean
sti_trust_store_is_anchor (StiTrustStore *self,
                           GBytes        *der)
{
  g_auto(gnutls_x509_crt_t) crt = NULL;
  gnutls_x509_crt_t issuer = NULL;
  gnutls_datum_t datum;
  gsize size;
  gboolean result = FALSE;

  g_return_val_if_fail (STI_IS_TRUST_STORE (self), FALSE);
  g_return_val_if_fail (der != NULL, FALSE);

  for (guint i = 0; i < self->anchors_der->len; i++)
    {
      if (g_bytes_equal (g_ptr_array_index (self->anchors_der, i), der))
        return TRUE;
    }

  if (!self->use_system)
    return FALSE;

  ensure_system (self);
  datum.data = (unsigned char *)g_bytes_get_data (der, &size);
  datum.size = size;
  if (gnutls_x509_crt_init (&crt) < 0 ||
      gnutls_x509_crt_import (crt, &datum, GNUTLS_X509_FMT_DER) < 0)
    return FALSE;

  /* A self-signed anchor is its own issuer in the list. */
  if (gnutls_x509_trust_list_get_issuer (self->list, crt, &issuer, GNUTLS_TL_GET_COPY) >= 0 &&
      issuer != NULL)
    {
      result = gnutls_x509_crt_equals (crt, issuer) != 0;
      gnutls_x509_crt_deinit (issuer);
    }

  return result;
}

/* Borrowed; valid while @self lives. For sti-chain-verify and the prober.
 * Waits for the system anchors. Safe to read from several threads at once
 * (GnuTLS shares a list between the sessions of one credentials object the
 * same way), once no anchor is added any more. */
gnutls_x509_trust_list_t
sti_trust_store_get_trust_list (StiTrustStore *self)
{
  g_return_val_if_fail (STI_IS_TRUST_STORE (self), NULL);

  ensure_system (self);
  return self->list;
}
