/* sti-smtp-reply.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Limits of the reader (DESIGN.md decision 3, platform-notes A5 and E). */
#define STI_SMTP_MAX_LINE_LENGTH 2048      /* bytes of one line, without CR LF (Postfix) */
#define STI_SMTP_MAX_REPLY_LINES 100
#define STI_SMTP_MAX_REPLY_BYTES (64 * 1024)

#define STI_SMTP_ERROR (sti_smtp_error_quark ())

typedef enum
{
  STI_SMTP_ERROR_LINE_TOO_LONG,
  STI_SMTP_ERROR_REPLY_TOO_LONG,
  STI_SMTP_ERROR_MALFORMED,     /* not "ddd", "ddd-…", "ddd …" */
  STI_SMTP_ERROR_CODE_MISMATCH, /* lines of one multiline reply disagree on the code */
} StiSmtpError;

GQuark sti_smtp_error_quark (void);

/* One complete SMTP reply, immutable and reference counted. */
typedef struct _StiSmtpReply StiSmtpReply;

#define STI_TYPE_SMTP_REPLY (sti_smtp_reply_get_type ())

GType         sti_smtp_reply_get_type      (void) G_GNUC_CONST;
StiSmtpReply *sti_smtp_reply_ref           (StiSmtpReply *reply);
void          sti_smtp_reply_unref         (StiSmtpReply *reply);
guint         sti_smtp_reply_get_code      (StiSmtpReply *reply);
guint         sti_smtp_reply_get_n_lines   (StiSmtpReply *reply);
GBytes       *sti_smtp_reply_get_line      (StiSmtpReply *reply,
                                            guint         index);
GBytes       *sti_smtp_reply_get_line_text (StiSmtpReply *reply,
                                            guint         index);
gboolean      sti_smtp_reply_get_bare_lf   (StiSmtpReply *reply);
gsize         sti_smtp_reply_get_size      (StiSmtpReply *reply);
char         *sti_smtp_reply_dup_text      (StiSmtpReply *reply);
char        **sti_smtp_reply_parse_ehlo    (StiSmtpReply *reply);
gboolean      sti_smtp_caps_has            (const char * const *caps,
                                            const char         *keyword);

/* The bounded, incremental reader: feed it bytes, take replies out. */
typedef struct _StiSmtpReader StiSmtpReader;

StiSmtpReader *sti_smtp_reader_new            (void);
void           sti_smtp_reader_free           (StiSmtpReader  *reader);
void           sti_smtp_reader_feed           (StiSmtpReader  *reader,
                                               const guint8   *data,
                                               gsize           len);
StiSmtpReply  *sti_smtp_reader_next           (StiSmtpReader  *reader,
                                               GError        **error);
gsize          sti_smtp_reader_get_buffered   (StiSmtpReader  *reader);
const guint8  *sti_smtp_reader_peek_buffered  (StiSmtpReader  *reader,
                                               gsize          *len);
void           sti_smtp_reader_clear_buffered (StiSmtpReader  *reader);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StiSmtpReply, sti_smtp_reply_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StiSmtpReader, sti_smtp_reader_free)

G_END_DECLS
