/* sti-survey-feed.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-survey-feed.h"

#include "sti-survey-results.h"

#include <glib/gi18n.h>

/* What feeds the "Check Many Domains" window: a list model of survey
 * items, one per domain of the input, that fill in as each check ends,
 * and the summary they add to. The checks are the survey's own
 * (StiSurveyRun, as `survey` runs them): its concurrency and deadline, one
 * probe per mail server however many domains share it, one connection at
 * a time per address.
 *
 * Memory stays bounded whatever the input: an item keeps the few figures
 * its row shows, and the full reports go to a results file of our own
 * (JSON Lines, as `survey --output` writes it), a temporary file removed
 * with the feed. An item knows where its line starts; opening a row reads
 * that one line back, and the JSON Lines export copies the file. */

struct _StiSurveyFeed
{
  GObject                 parent_instance;

  /* Owned references */
  StiCheckSession        *session;
  StiCheckSessionOptions *options;
  GListStore             *items;
  GHashTable             *domains;   /* normalised domain → its item (borrowed) */
  GPtrArray              *entries;   /* StiSurveyEntry, until the start */
  StiSurveySummary       *summary;
  StiSurveyRun           *run;
  GCancellable           *cancellable;
  GFile                  *results;   /* the temporary results file */
  GFileIOStream          *results_stream;
  GError                 *error;     /* why the run ended early */

  goffset                 results_length;
  guint                   n_done;
  guint                   n_failed;
  gboolean                running;
  gint64                  started_us;
};

G_DEFINE_FINAL_TYPE (StiSurveyFeed, sti_survey_feed, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_N_DONE,
  PROP_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  ITEM_DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
remove_results (StiSurveyFeed *self)
{
  if (self->results_stream != NULL)
    g_io_stream_close (G_IO_STREAM (self->results_stream), NULL, NULL);
  g_clear_object (&self->results_stream);
  if (self->results != NULL)
    g_file_delete (self->results, NULL, NULL);
  g_clear_object (&self->results);
}

static void
sti_survey_feed_dispose (GObject *object)
{
  StiSurveyFeed *self = (StiSurveyFeed *)object;

  sti_survey_feed_close (self);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->run);
  g_clear_object (&self->session);
  g_clear_pointer (&self->domains, g_hash_table_unref);
  g_clear_object (&self->items);
  g_clear_object (&self->summary);

  G_OBJECT_CLASS (sti_survey_feed_parent_class)->dispose (object);
}

static void
sti_survey_feed_finalize (GObject *object)
{
  StiSurveyFeed *self = (StiSurveyFeed *)object;

  g_clear_pointer (&self->options, sti_check_session_options_free);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (sti_survey_feed_parent_class)->finalize (object);
}

static void
sti_survey_feed_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  StiSurveyFeed *self = STI_SURVEY_FEED (object);

  switch (prop_id)
    {
    case PROP_N_DONE:
      g_value_set_uint (value, self->n_done);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sti_survey_feed_class_init (StiSurveyFeedClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sti_survey_feed_dispose;
  object_class->finalize = sti_survey_feed_finalize;
  object_class->get_property = sti_survey_feed_get_property;

  properties[PROP_N_DONE] =
    g_param_spec_uint ("n-done", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * StiSurveyFeed::item-done:
   * @item: the item whose check is over
   */
  signals[ITEM_DONE] = g_signal_new ("item-done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, STI_TYPE_SURVEY_ITEM);
}

static void
sti_survey_feed_init (StiSurveyFeed *self)
{
  self->items = g_list_store_new (STI_TYPE_SURVEY_ITEM);
  self->domains = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify)sti_survey_entry_free);
  self->summary = sti_survey_summary_new ();
}

StiSurveyFeed *
sti_survey_feed_new (StiCheckSession              *session,
                     const StiCheckSessionOptions *options)
{
  StiSurveyFeed *self;

  g_return_val_if_fail (STI_IS_CHECK_SESSION (session), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  self = g_object_new (STI_TYPE_SURVEY_FEED, NULL);
  self->session = g_object_ref (session);
  self->options = sti_check_session_options_copy (options);
  return self;
}

static void
count_bad_line_cb (guint       line,
                   const char *message,
                   gpointer    user_data)
{
  guint *bad = user_data;

  (*bad)++;
}

/**
 * sti_survey_feed_add_text:
 * @text: one domain or e-mail address per line; blank lines and "#"
 *   comments are allowed (a survey list, read as `survey` reads one)
 * @n_bad_lines: (out) (optional): lines that are not something to check
 *
 * Adds an item for each new domain of @text, in order; a domain already
 * listed is not added twice. Only before sti_survey_feed_start().
 *
 * Returns: the number of items added
 */
guint
sti_survey_feed_add_text (StiSurveyFeed *self,
                          const char    *text,
                          guint         *n_bad_lines)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(StiSurveyInput) input = NULL;
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);
  StiSurveyEntry *entry;
  guint bad = 0;

  g_return_val_if_fail (STI_IS_SURVEY_FEED (self), 0);
  g_return_val_if_fail (text != NULL, 0);
  g_return_val_if_fail (self->run == NULL, 0);

  /* In memory: reading it never waits. */
  stream = g_memory_input_stream_new_from_data (g_strdup (text), -1, g_free);
  input = sti_survey_input_new_stream (stream);
  sti_survey_input_set_bad_line_func (input, count_bad_line_cb, &bad);
  while ((entry = sti_survey_input_next (input, NULL)) != NULL)
    {
      StiSurveyItem *item;

      if (g_hash_table_contains (self->domains, entry->domain))
        {
          sti_survey_entry_free (entry);
          continue;
        }
      item = sti_survey_item_new (entry->domain);
      g_hash_table_insert (self->domains, g_strdup (entry->domain), item);
      g_ptr_array_add (added, item);
      g_ptr_array_add (self->entries, entry);
    }

  g_list_store_splice (self->items, g_list_model_get_n_items (G_LIST_MODEL (self->items)), 0,
                       added->pdata, added->len);
  if (n_bad_lines != NULL)
    *n_bad_lines = bad;
  return added->len;
}

static void
domain_started_cb (const StiSurveyEntry *entry,
                   gpointer              user_data)
{
  StiSurveyFeed *self = user_data;
  StiSurveyItem *item = g_hash_table_lookup (self->domains, entry->domain);

  if (self->results_stream != NULL && item != NULL)
    sti_survey_item_set_checking (item);
}

static void
domain_done_cb (const StiSurveyEntry *entry,
                StiDomainReport      *report,
                const GError         *error,
                gpointer              user_data)
{
  StiSurveyFeed *self = user_data;
  StiSurveyItem *item = g_hash_table_lookup (self->domains, entry->domain);

  /* Closed: nothing more is shown. */
  if (self->results_stream == NULL || item == NULL || sti_survey_item_get_done (item))
    return;

  if (report != NULL)
    {
      /* The run has just written the domain's line: it ends where the file does. */
      goffset end = g_seekable_tell (G_SEEKABLE (g_io_stream_get_output_stream (
                                                   G_IO_STREAM (self->results_stream))));

      sti_survey_item_set_report (item, report);
      if (end > self->results_length)
        sti_survey_item_set_result_offset (item, self->results_length);
      self->results_length = MAX (end, self->results_length);
      sti_survey_summary_add (self->summary, report, entry->weight, entry->postfix_tls);
    }
  else
    {
      sti_survey_item_set_error (item, error != NULL ? error->message : "");
      self->n_failed++;
    }
  self->n_done++;

  g_signal_emit (self, signals[ITEM_DONE], 0, item);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_DONE]);
}

static void
run_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(StiSurveyFeed) self = user_data;
  g_autoptr(GError) error = NULL;
  const char *why;
  guint n;

  if (!sti_survey_run_run_finish (STI_SURVEY_RUN (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_set_error_literal (&self->error, error->domain, error->code, error->message);

  /* What never ran says so rather than "Waiting". */
  /* Translators: why a domain of a survey has no result */
  why = self->error != NULL ? self->error->message : _("Cancelled");
  n = self->items != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->items)) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StiSurveyItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      if (!sti_survey_item_get_done (item))
        sti_survey_item_set_error (item, why);
    }

  self->running = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

/**
 * sti_survey_feed_start:
 *
 * Starts the survey of the items added, once.
 *
 * Returns: %FALSE with @error when the results file cannot be made
 */
gboolean
sti_survey_feed_start (StiSurveyFeed  *self,
                       GError        **error)
{
  GOutputStream *output;

  g_return_val_if_fail (STI_IS_SURVEY_FEED (self), FALSE);
  g_return_val_if_fail (self->run == NULL, FALSE);

  self->results = g_file_new_tmp ("starttls-inspector-survey-XXXXXX.jsonl",
                                  &self->results_stream, error);
  if (self->results == NULL)
    return FALSE;
  output = g_io_stream_get_output_stream (G_IO_STREAM (self->results_stream));

  self->run = sti_survey_run_new (self->session, self->options,
                                  sti_survey_input_new_entries (self->entries), output);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  sti_survey_run_set_start_func (self->run, domain_started_cb, self);
  sti_survey_run_set_domain_func (self->run, domain_done_cb, self);

  self->cancellable = g_cancellable_new ();
  self->started_us = g_get_monotonic_time ();
  self->running = TRUE;
  sti_survey_run_run_async (self->run, self->cancellable, run_done_cb, g_object_ref (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  return TRUE;
}

/* Stops: the checks in flight end without a result, the rest never start. */
void
sti_survey_feed_cancel (StiSurveyFeed *self)
{
  g_return_if_fail (STI_IS_SURVEY_FEED (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

/* Stops, and removes the results file: the window that showed them closes. */
void
sti_survey_feed_close (StiSurveyFeed *self)
{
  g_return_if_fail (STI_IS_SURVEY_FEED (self));

  sti_survey_feed_cancel (self);
  remove_results (self);
}

/* Returns: (transfer none): the items, a #GListModel of #StiSurveyItem */
GListModel *
sti_survey_feed_get_model (StiSurveyFeed *self)
{
  g_return_val_if_fail (STI_IS_SURVEY_FEED (self), NULL);
  return G_LIST_MODEL (self->items);
}

/* Returns: (transfer none): the summary of the checks over so far */
StiSurveySummary *
sti_survey_feed_get_summary (StiSurveyFeed *self)
{
  g_return_val_if_fail (STI_IS_SURVEY_FEED (self), NULL);
  return self->summary;
}

/* Returns: (transfer none) (nullable): the survey, once started */
StiSurveyRun *
sti_survey_feed_get_run (StiSurveyFeed *self)
{
  g_return_val_if_fail (STI_IS_SURVEY_FEED (self), NULL);
  return self->run;
}

/* Returns: (nullable): why the survey ended before its last domain (not
 *   for a cancel) */
const GError *
sti_survey_feed_get_error (StiSurveyFeed *self)
{
  g_return_val_if_fail (STI_IS_SURVEY_FEED (self), NULL);
  return self->error;
}

/* Returns: (transfer full) (nullable): the results file, once started */
GFile *
sti_survey_feed_dup_results_file (StiSurveyFeed *self)
{
  g_return_val_if_fail (STI_IS_SURVEY_FEED (self), NULL);
  return self->results != NULL ? g_object_ref (self->results) : NULL;
}

/* Returns: the bytes of the results file that hold whole lines of the
 *   domains over so far */
goffset
sti_survey_feed_get_results_length (StiSurveyFeed *self)
{
  g_return_val_if_fail (STI_IS_SURVEY_FEED (self), 0);
  return self->results_length;
}

guint
sti_survey_feed_get_n_total (StiSurveyFeed *self)
{
  g_return_val_if_fail (STI_IS_SURVEY_FEED (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->items));
}

/* Returns: the domains over, with a result or without */
guint
sti_survey_feed_get_n_done (StiSurveyFeed *self)
{
  g_return_val_if_fail (STI_IS_SURVEY_FEED (self), 0);
  return self->n_done;
}

guint
sti_survey_feed_get_n_failed (StiSurveyFeed *self)
{
  g_return_val_if_fail (STI_IS_SURVEY_FEED (self), 0);
  return self->n_failed;
}

gboolean
sti_survey_feed_get_running (StiSurveyFeed *self)
{
  g_return_val_if_fail (STI_IS_SURVEY_FEED (self), FALSE);
  return self->running;
}

/* The monotonic time of the start, 0 before. */
gint64
sti_survey_feed_get_started_us (StiSurveyFeed *self)
{
  g_return_val_if_fail (STI_IS_SURVEY_FEED (self), 0);
  return self->started_us;
}

/* ---- A row's full report, read back ---- */

typedef struct
{
  GFile   *results;
  goffset  offset;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_object_unref (data->results);
  g_free (data);
}

static gboolean
take_first_cb (JsonNode *root,
               gpointer  user_data)
{
  JsonNode **first = user_data;

  *first = json_node_copy (root);
  return FALSE;
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;
  StiDomainReport *report;

  stream = g_file_read (data->results, cancellable, &error);
  if (stream == NULL ||
      !g_seekable_seek (G_SEEKABLE (stream), data->offset, G_SEEK_SET, cancellable, &error) ||
      !sti_survey_results_read (G_INPUT_STREAM (stream), take_first_cb, &root, NULL, NULL,
                                &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (root == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("The survey's results file has no result there."));
      return;
    }

  report = sti_survey_result_load_report (root, &error);
  if (report == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, report, g_object_unref);
}

/**
 * sti_survey_feed_load_report_async:
 * @item: an item of the feed's whose check gave a report
 *
 * Reads @item's report back from the results file, on a worker thread.
 */
void
sti_survey_feed_load_report_async (StiSurveyFeed       *self,
                                   StiSurveyItem       *item,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  g_return_if_fail (STI_IS_SURVEY_FEED (self));
  g_return_if_fail (STI_IS_SURVEY_ITEM (item));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sti_survey_feed_load_report_async);
  g_task_set_name (task, "[sti] survey report read back");
  if (self->results == NULL || sti_survey_item_get_result_offset (item) < 0)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               _("No result was kept for this domain."));
      return;
    }

  data = g_new0 (LoadData, 1);
  data->results = g_object_ref (self->results);
  data->offset = sti_survey_item_get_result_offset (item);
  g_task_set_task_data (task, data, (GDestroyNotify)load_data_free);
  g_task_run_in_thread (task, load_thread);
}

/* Returns: (transfer full): the report, or %NULL with @error */
StiDomainReport *
sti_survey_feed_load_report_finish (StiSurveyFeed  *self,
                                    GAsyncResult   *result,
                                    GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
