/* sti-check-target.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define STI_INPUT_ERROR (sti_input_error_quark ())

typedef enum
{
  STI_INPUT_ERROR_EMPTY,
  STI_INPUT_ERROR_INVALID,
} StiInputError;

/* What the user asked to check, normalised. Either a mail domain (its MX
 * hosts are looked up) or, written as `[host]` or `[host]:port`, one server
 * probed directly. */
typedef struct
{
  char     *input;          /* as typed, sanitized for display */
  char     *domain;         /* A-label form, lower case, no trailing dot */
  char     *domain_unicode; /* U-label form for display (same as domain when ASCII) */
  gboolean  direct;         /* TRUE for [host] / [host]:port */
  guint16   port;           /* for direct targets; 0 means the SMTP port */
} StiCheckTarget;

#define STI_TYPE_CHECK_TARGET (sti_check_target_get_type ())

GType           sti_check_target_get_type (void) G_GNUC_CONST;
GQuark          sti_input_error_quark     (void);
StiCheckTarget *sti_check_target_parse    (const char           *input,
                                           GError              **error);
StiCheckTarget *sti_check_target_copy     (const StiCheckTarget *target);
void            sti_check_target_free     (StiCheckTarget       *target);
gboolean        sti_is_ip_literal         (const char           *str);
char           *sti_hostname_dup_unicode  (const char           *ascii);
char           *sti_hostname_to_ascii     (const char           *name,
                                           GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StiCheckTarget, sti_check_target_free)

G_END_DECLS
