/* sti-survey-feed.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-survey-feed.h"

#include "sti-check-target.h"

#include <glib/gi18n.h>

/* What feeds the "Check Many Domains" window: a list model of survey
 * items, one per domain of the input, that fill in as each check ends,
 * and the summary they add to. The checks run a few at a time through
 * the window's check session, on the main loop (every check is async).
 * The survey engine (StiSurveyRun) can replace the checks here: it tells
 * about each domain once its check is over, which is where
 * check_done_cb() finds the item and sets its report. */

struct _StiSurveyFeed
{
  GObject                 parent_instance;

  /* Owned references */
  StiCheckSession        *session;
  StiCheckSessionOptions *options;
  GListStore             *items;
  GHashTable             *domains;  /* normalised domain, to drop repeats */
  StiSurveySummary       *summary;
  GCancellable           *cancellable;

  guint                   concurrency;
  guint                   next;      /* the next item to check */
  guint                   in_flight;
  guint                   n_done;
  guint                   n_failed;
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

typedef struct
{
  GWeakRef       feed;
  StiSurveyItem *item;
} CheckData;

static void
check_data_free (CheckData *data)
{
  g_weak_ref_clear (&data->feed);
  g_clear_object (&data->item);
  g_free (data);
}

static void start_more (StiSurveyFeed *self);

static void
finish_item (StiSurveyFeed *self,
             StiSurveyItem *item)
{
  self->n_done++;
  if (sti_survey_item_get_report (item) != NULL)
    sti_survey_summary_add (self->summary, sti_survey_item_get_report (item), 0, NULL);
  else
    self->n_failed++;

  g_signal_emit (self, signals[ITEM_DONE], 0, item);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_DONE]);
}

static void
check_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  CheckData *data = user_data;
  g_autoptr(StiSurveyFeed) self = g_weak_ref_get (&data->feed);
  g_autoptr(StiDomainReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = sti_domain_check_run_finish (STI_DOMAIN_CHECK (object), result, &error);
  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (self != NULL)
        {
          self->in_flight--;
          /* Translators: why a domain of a survey has no result */
          sti_survey_item_set_error (data->item, _("Cancelled"));
        }
      check_data_free (data);
      return;
    }

  self->in_flight--;
  if (report != NULL)
    sti_survey_item_set_report (data->item, report);
  else
    sti_survey_item_set_error (data->item, error->message);
  finish_item (self, data->item);
  check_data_free (data);

  start_more (self);
}

static void
start_one (StiSurveyFeed *self,
           StiSurveyItem *item)
{
  g_autoptr(StiDomainCheck) check = NULL;
  g_autoptr(GError) error = NULL;
  CheckData *data;

  check = sti_check_session_create_check (self->session, sti_survey_item_get_domain (item),
                                          self->options, &error);
  if (check == NULL)
    {
      sti_survey_item_set_error (item, error->message);
      finish_item (self, item);
      return;
    }

  data = g_new0 (CheckData, 1);
  g_weak_ref_init (&data->feed, self);
  data->item = g_object_ref (item);
  self->in_flight++;
  sti_domain_check_run_async (check, self->cancellable, check_done_cb, data);
}

static void
start_more (StiSurveyFeed *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  gboolean was_running = sti_survey_feed_get_running (self);

  while (self->cancellable != NULL && !g_cancellable_is_cancelled (self->cancellable) &&
         self->in_flight < self->concurrency && self->next < n)
    {
      g_autoptr(StiSurveyItem) item = g_list_model_get_item (G_LIST_MODEL (self->items),
                                                             self->next++);

      start_one (self, item);
    }

  if (was_running && !sti_survey_feed_get_running (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
sti_survey_feed_dispose (GObject *object)
{
  StiSurveyFeed *self = (StiSurveyFeed *)object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  g_clear_object (&self->items);
  g_clear_object (&self->summary);

  G_OBJECT_CLASS (sti_survey_feed_parent_class)->dispose (object);
}

static void
sti_survey_feed_finalize (GObject *object)
{
  StiSurveyFeed *self = (StiSurveyFeed *)object;

  g_clear_pointer (&self->options, sti_check_session_options_free);
  g_clear_pointer (&self->domains, g_hash_table_unref);

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
      g_value_set_boolean (value, sti_survey_feed_get_running (self));
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
  self->summary = sti_survey_summary_new ();
  self->concurrency = STI_SURVEY_FEED_DEFAULT_CONCURRENCY;
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

/**
 * sti_survey_feed_add_text:
 * @text: one domain or e-mail address per line; blank lines and "#"
 *   comments are allowed
 * @n_bad_lines: (out) (optional): lines that are not something to check
 *
 * Adds an item for each new domain of @text, in order; a domain already
 * listed is not added twice.
 *
 * Returns: the number of items added
 */
guint
sti_survey_feed_add_text (StiSurveyFeed *self,
                          const char    *text,
                          guint         *n_bad_lines)
{
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);
  guint bad = 0;

  g_return_val_if_fail (STI_IS_SURVEY_FEED (self), 0);
  g_return_val_if_fail (text != NULL, 0);

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);
      g_autoptr(StiCheckTarget) target = NULL;

      if (line[0] == '\0' || line[0] == '#')
        continue;
      target = sti_check_target_parse (line, NULL);
      if (target == NULL || target->direct)
        {
          bad++;
          continue;
        }
      if (!g_hash_table_add (self->domains, g_strdup (target->domain)))
        continue;
      g_ptr_array_add (added, sti_survey_item_new (target->domain));
    }

  g_list_store_splice (self->items, g_list_model_get_n_items (G_LIST_MODEL (self->items)), 0,
                       added->pdata, added->len);
  if (n_bad_lines != NULL)
    *n_bad_lines = bad;
  return added->len;
}

void
sti_survey_feed_set_concurrency (StiSurveyFeed *self,
                                 guint          concurrency)
{
  g_return_if_fail (STI_IS_SURVEY_FEED (self));
  self->concurrency = MAX (concurrency, 1);
}

/* Starts checking the items not checked yet. */
void
sti_survey_feed_start (StiSurveyFeed *self)
{
  g_return_if_fail (STI_IS_SURVEY_FEED (self));

  if (self->cancellable == NULL)
    {
      self->cancellable = g_cancellable_new ();
      self->started_us = g_get_monotonic_time ();
    }
  start_more (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

/* Stops: the checks in flight end without a result, the rest never start. */
void
sti_survey_feed_cancel (StiSurveyFeed *self)
{
  g_return_if_fail (STI_IS_SURVEY_FEED (self));

  if (self->cancellable == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
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

guint
sti_survey_feed_get_n_total (StiSurveyFeed *self)
{
  g_return_val_if_fail (STI_IS_SURVEY_FEED (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->items));
}

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
  return self->cancellable != NULL && !g_cancellable_is_cancelled (self->cancellable) &&
         self->in_flight > 0;
}

/* The monotonic time the first start, 0 before. */
gint64
sti_survey_feed_get_started_us (StiSurveyFeed *self)
{
  g_return_val_if_fail (STI_IS_SURVEY_FEED (self), 0);
  return self->started_us;
}
