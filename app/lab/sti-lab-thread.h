/* sti-lab-thread.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "sti-lab.h"

G_BEGIN_DECLS

#define STI_TYPE_LAB_THREAD (sti_lab_thread_get_type ())

G_DECLARE_FINAL_TYPE (StiLabThread, sti_lab_thread, STI, LAB_THREAD, GObject)

StiLabThread *sti_lab_thread_start   (GError       **error);
StiLab       *sti_lab_thread_get_lab (StiLabThread  *self);
void          sti_lab_thread_stop    (StiLabThread  *self);

G_END_DECLS
