// Thin, checked C helpers for the Swift layer: GTK's cast macros and variadic
// functions are not imported into Swift, so every cast happens here.
#include <gtk/gtk.h>
#include <string.h>
#include <time.h>

static inline GtkWidget *shim_window_new(GtkApplication *app) { return gtk_application_window_new(app); }
static inline void shim_window_set_child(GtkWidget *w, GtkWidget *child) { gtk_window_set_child(GTK_WINDOW(w), child); }
static inline void shim_window_set_title(GtkWidget *w, const char *t) { gtk_window_set_title(GTK_WINDOW(w), t); }
static inline void shim_window_set_decorated(GtkWidget *w, gboolean d) { gtk_window_set_decorated(GTK_WINDOW(w), d); }
static inline void shim_window_fullscreen(GtkWidget *w) { gtk_window_fullscreen(GTK_WINDOW(w)); }
static inline void shim_window_set_default_size(GtkWidget *w, int x, int y) { gtk_window_set_default_size(GTK_WINDOW(w), x, y); }
static inline void shim_window_present(GtkWidget *w) { gtk_window_present(GTK_WINDOW(w)); }
static inline void shim_window_destroy(GtkWidget *w) { gtk_window_destroy(GTK_WINDOW(w)); }

static inline GtkWidget *shim_box_new(gboolean vertical, int spacing) {
  return gtk_box_new(vertical ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL, spacing);
}
static inline void shim_box_append(GtkWidget *box, GtkWidget *child) { gtk_box_append(GTK_BOX(box), child); }

static inline GtkWidget *shim_label_new(const char *t) { return gtk_label_new(t); }
static inline void shim_label_set_text(GtkWidget *l, const char *t) { gtk_label_set_text(GTK_LABEL(l), t); }
static inline const char *shim_label_get_text(GtkWidget *l) { return gtk_label_get_text(GTK_LABEL(l)); }
static inline void shim_label_set_wrap(GtkWidget *l, gboolean w) {
  gtk_label_set_wrap(GTK_LABEL(l), w);
  gtk_label_set_wrap_mode(GTK_LABEL(l), PANGO_WRAP_WORD_CHAR);
  /* GTK measures a wrapped label's narrowest layout at width 0 unless width-chars is set: with
   * PANGO_WRAP_WORD_CHAR that is every letter on a line of its own, each line shaped again. For a
   * paragraph of 160 Bengali characters that layout took 3.3 ms, against 0.8 ms at 16 characters'
   * width and 0.4 ms for the whole line (Pango, Noto Sans Bengali 24 px). A long text's narrowest
   * is therefore 16 characters (about 290 px at 24 px): no page lays a paragraph narrower. */
  if (w && g_utf8_strlen(gtk_label_get_text(GTK_LABEL(l)), -1) > 24) gtk_label_set_width_chars(GTK_LABEL(l), 16);
}
static inline void shim_label_set_xalign(GtkWidget *l, float x) { gtk_label_set_xalign(GTK_LABEL(l), x); }
static inline void shim_label_set_justify_center(GtkWidget *l) { gtk_label_set_justify(GTK_LABEL(l), GTK_JUSTIFY_CENTER); }

static inline GtkWidget *shim_button_new(const char *t) { return gtk_button_new_with_label(t); }
static inline void shim_button_set_label(GtkWidget *b, const char *t) { gtk_button_set_label(GTK_BUTTON(b), t); }
/// A button whose child is a wrapped, centred label (for long two-language captions).
static inline GtkWidget *shim_button_new_wrapped(const char *t) {
  GtkWidget *b = gtk_button_new();
  GtkWidget *l = gtk_label_new(t);
  gtk_label_set_wrap(GTK_LABEL(l), TRUE);
  gtk_label_set_justify(GTK_LABEL(l), GTK_JUSTIFY_CENTER);
  gtk_button_set_child(GTK_BUTTON(b), l);
  gtk_accessible_update_property(GTK_ACCESSIBLE(b), GTK_ACCESSIBLE_PROPERTY_LABEL, t, -1);
  return b;
}

/// A button whose caption stays on one line (short captions in a row: a wrapped label there is
/// measured width-for-height, a search over many layouts, at every allocation).
static inline GtkWidget *shim_button_new_line(const char *t) {
  GtkWidget *b = gtk_button_new();
  gtk_button_set_child(GTK_BUTTON(b), gtk_label_new(t));
  gtk_accessible_update_property(GTK_ACCESSIBLE(b), GTK_ACCESSIBLE_PROPERTY_LABEL, t, -1);
  return b;
}

/* A tile: an icon from the theme (Adwaita ships with GTK) beside a wrapped caption. The icon lies
 * over the caption's left margin (an overlay), not beside it in a box: GTK 4.8's box measures a
 * wrapped label beside a fixed-size child by a binary search over heights, and the label answers
 * each height by a binary search over widths, so the fifteen tiles' first layout shaped their
 * captions about 850 times (170 ms). Measured alone, a wrapped label is shaped a few times. */
static inline GtkWidget *shim_button_new_with_icon(const char *icon, int size, const char *t) {
  GtkWidget *b = gtk_button_new();
  GtkWidget *overlay = gtk_overlay_new();
  GtkWidget *img = gtk_image_new_from_icon_name(icon);
  gtk_image_set_pixel_size(GTK_IMAGE(img), size);
  gtk_widget_add_css_class(img, "tile-icon");
  gtk_widget_set_halign(img, GTK_ALIGN_START);
  gtk_widget_set_valign(img, GTK_ALIGN_CENTER);
  GtkWidget *l = gtk_label_new(t);
  gtk_label_set_wrap(GTK_LABEL(l), TRUE);
  gtk_label_set_xalign(GTK_LABEL(l), 0);
  gtk_widget_set_hexpand(l, TRUE);
  gtk_widget_set_margin_start(l, size + 16);
  gtk_overlay_set_child(GTK_OVERLAY(overlay), l);
  gtk_overlay_add_overlay(GTK_OVERLAY(overlay), img);
  gtk_button_set_child(GTK_BUTTON(b), overlay);
  gtk_accessible_update_property(GTK_ACCESSIBLE(b), GTK_ACCESSIBLE_PROPERTY_LABEL, t, -1);
  return b;
}

/* A grid of equal columns (the service tiles). Unlike rows of boxes, a grid measures its children's
 * heights for the widths it gives them and never asks a wrapped label for its width at a height. */
static inline GtkWidget *shim_grid_new(int column_spacing, int row_spacing) {
  GtkWidget *g = gtk_grid_new();
  gtk_grid_set_column_homogeneous(GTK_GRID(g), TRUE);
  gtk_grid_set_column_spacing(GTK_GRID(g), column_spacing);
  gtk_grid_set_row_spacing(GTK_GRID(g), row_spacing);
  return g;
}
static inline void shim_grid_attach(GtkWidget *g, GtkWidget *child, int column, int row) {
  gtk_grid_attach(GTK_GRID(g), child, column, row, 1, 1);
}

/* Loads a theme icon as a GtkImage of `size` pixels in `w`'s window would (the same look-up, so
 * the same entry of the theme's cache), and draws it once, so that its texture is made now. */
static inline void shim_icon_preload(GtkWidget *w, const char *name, int size) {
  GtkIconTheme *t = gtk_icon_theme_get_for_display(gtk_widget_get_display(w));
  GtkIconPaintable *p = gtk_icon_theme_lookup_icon(t, name, NULL, size, gtk_widget_get_scale_factor(w),
                                                   gtk_widget_get_direction(w), 0);
  GtkSnapshot *s = gtk_snapshot_new();
  gdk_paintable_snapshot(GDK_PAINTABLE(p), s, size, size);
  GskRenderNode *n = gtk_snapshot_free_to_node(s);
  if (n) gsk_render_node_unref(n);
  g_object_unref(p);
}

/* Changes the caption of a button made by shim_button_new_wrapped (its accessible name follows). */
static inline void shim_button_set_caption(GtkWidget *b, const char *t) {
  GtkWidget *l = gtk_button_get_child(GTK_BUTTON(b));
  if (l && GTK_IS_LABEL(l)) gtk_label_set_text(GTK_LABEL(l), t);
  gtk_accessible_update_property(GTK_ACCESSIBLE(b), GTK_ACCESSIBLE_PROPERTY_LABEL, t, -1);
}
static inline void shim_button_caption_start(GtkWidget *b) {
  GtkWidget *l = gtk_button_get_child(GTK_BUTTON(b));
  if (l && GTK_IS_LABEL(l)) { gtk_label_set_xalign(GTK_LABEL(l), 0); gtk_label_set_justify(GTK_LABEL(l), GTK_JUSTIFY_LEFT); gtk_widget_set_halign(l, GTK_ALIGN_FILL); gtk_widget_set_hexpand(l, TRUE); gtk_label_set_wrap(GTK_LABEL(l), FALSE); gtk_label_set_ellipsize(GTK_LABEL(l), PANGO_ELLIPSIZE_END); }
}
static inline void shim_box_set_homogeneous(GtkWidget *box, int h) { gtk_box_set_homogeneous(GTK_BOX(box), h); }
static inline void shim_box_remove(GtkWidget *box, GtkWidget *child) { gtk_box_remove(GTK_BOX(box), child); }

static inline void shim_entry_set_visibility(GtkWidget *e, int visible) { gtk_entry_set_visibility(GTK_ENTRY(e), visible); }
static inline GtkWidget *shim_entry_new(void) { return gtk_entry_new(); }
static inline const char *shim_editable_get_text(GtkWidget *e) { return gtk_editable_get_text(GTK_EDITABLE(e)); }
static inline void shim_editable_set_text(GtkWidget *e, const char *t) { gtk_editable_set_text(GTK_EDITABLE(e), t); }
static inline void shim_editable_set_position(GtkWidget *e, int pos) { gtk_editable_set_position(GTK_EDITABLE(e), pos); }
static inline void shim_entry_set_input_purpose_digits(GtkWidget *e) {
  gtk_entry_set_input_purpose(GTK_ENTRY(e), GTK_INPUT_PURPOSE_DIGITS);
}
static inline GtkWidget *shim_scrolled_new(GtkWidget *child) {
  GtkWidget *s = gtk_scrolled_window_new();
  gtk_scrolled_window_set_policy(GTK_SCROLLED_WINDOW(s), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  /* A scrollbar stays on screen whenever the page goes on below (or above) what is shown: an
   * overlay one shows only while scrolling, and a touch screen has no pointer to bring it out. */
  gtk_scrolled_window_set_overlay_scrolling(GTK_SCROLLED_WINDOW(s), FALSE);
  gtk_scrolled_window_set_child(GTK_SCROLLED_WINDOW(s), child);
  return s;
}
/* The window's one permanent child: a scrolled window that never scrolls (the content still sets
 * the size). Without it GTK 4.8 sizes the window from its content by width-for-height searches,
 * dozens of Pango layouts for every wrapped label (177 on the home page, 4 with it). */
static inline GtkWidget *shim_window_frame_new(GtkWidget *window) {
  GtkWidget *s = gtk_scrolled_window_new();
  gtk_scrolled_window_set_policy(GTK_SCROLLED_WINDOW(s), GTK_POLICY_NEVER, GTK_POLICY_NEVER);
  gtk_window_set_child(GTK_WINDOW(window), s);
  return s;
}
/* How much wider than the window its content would like to be (0 when it fits). */
static inline int shim_window_overflow(GtkWidget *window, GtkWidget *content) {
  int min = 0;
  gtk_widget_measure(content, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  int width = gtk_widget_get_width(window);
  return width > 0 && min > width ? min - width : 0;
}
/* Measures w as its parent would at the width of `window` (its labels' fonts loaded and their
 * text shaped), without allocating or painting anything. */
static inline void shim_widget_measure_at_window_width(GtkWidget *w, GtkWidget *window) {
  int min = 0, nat = 0;
  gtk_widget_measure(w, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  int width = MAX(gtk_widget_get_width(window), min);
  gtk_widget_measure(w, GTK_ORIENTATION_VERTICAL, width, &min, &nat, NULL, NULL);
}
static inline void shim_frame_set_child(GtkWidget *frame, GtkWidget *child) {
  gtk_scrolled_window_set_child(GTK_SCROLLED_WINDOW(frame), child);
}
/* Scrolls a scrolled window to its end (after it has been allocated). */
static inline void shim_scrolled_to_end(GtkWidget *s) {
  GtkAdjustment *a = gtk_scrolled_window_get_vadjustment(GTK_SCROLLED_WINDOW(s));
  gtk_adjustment_set_value(a, gtk_adjustment_get_upper(a) - gtk_adjustment_get_page_size(a));
}
/// Scrolls so that `target`, somewhere inside `content` (the scrolled window's child), starts at
/// the top of the view (as far as the content allows).
static inline void shim_scrolled_to_widget(GtkWidget *s, GtkWidget *content, GtkWidget *target) {
  double x = 0, y = 0;
  if (!gtk_widget_translate_coordinates(target, content, 0, 0, &x, &y)) return;
  gtk_adjustment_set_value(gtk_scrolled_window_get_vadjustment(GTK_SCROLLED_WINDOW(s)), y);
}
static inline void shim_widget_hide_cursor(GtkWidget *w) { gtk_widget_set_cursor_from_name(w, "none"); }
static inline void shim_entry_set_placeholder(GtkWidget *e, const char *t) { gtk_entry_set_placeholder_text(GTK_ENTRY(e), t); }

static inline void shim_accessible_set_label(GtkWidget *w, const char *t) {
  gtk_accessible_update_property(GTK_ACCESSIBLE(w), GTK_ACCESSIBLE_PROPERTY_LABEL, t, -1);
}
static inline void shim_accessible_set_description(GtkWidget *w, const char *t) {
  gtk_accessible_update_property(GTK_ACCESSIBLE(w), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, t, -1);
}

static inline void shim_widget_set_expand(GtkWidget *w, gboolean h, gboolean v) {
  gtk_widget_set_hexpand(w, h);
  gtk_widget_set_vexpand(w, v);
}
static inline void shim_widget_set_align(GtkWidget *w, int h, int v) {
  gtk_widget_set_halign(w, (GtkAlign)h);
  gtk_widget_set_valign(w, (GtkAlign)v);
}
static inline void shim_widget_set_size_request(GtkWidget *w, int x, int y) { gtk_widget_set_size_request(w, x, y); }

static inline void shim_load_css(const char *css) {
  GtkCssProvider *p = gtk_css_provider_new();
  gtk_css_provider_load_from_data(p, css, -1);
  gtk_style_context_add_provider_for_display(gdk_display_get_default(), GTK_STYLE_PROVIDER(p),
                                             GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_unref(p);
}

/// A key controller on a widget (for the hidden staff gesture and physical keys).
static inline GtkEventController *shim_add_key_controller(GtkWidget *w) {
  GtkEventController *c = gtk_event_controller_key_new();
  gtk_widget_add_controller(w, c);
  return c;
}

/// A key controller that sees every key before any widget (capture phase): the kiosk's lockdown.
static inline GtkEventController *shim_add_capture_key_controller(GtkWidget *w) {
  GtkEventController *c = gtk_event_controller_key_new();
  gtk_event_controller_set_propagation_phase(c, GTK_PHASE_CAPTURE);
  gtk_widget_add_controller(w, c);
  return c;
}

static void shim__stop_signal(GtkWidget *w, gpointer name) { g_signal_stop_emission_by_name(w, (const char *)name); }
static void shim__claim_other_buttons(GtkGestureClick *g, int n, double x, double y, gpointer u) {
  (void)n; (void)x; (void)y; (void)u;
  if (gtk_gesture_single_get_current_button(GTK_GESTURE_SINGLE(g)) != GDK_BUTTON_PRIMARY)
    gtk_gesture_set_state(GTK_GESTURE(g), GTK_EVENT_SEQUENCE_CLAIMED);
}
static void shim__claim_long_press(GtkGestureLongPress *g, double x, double y, gpointer u) {
  (void)x; (void)y; (void)u;
  gtk_gesture_set_state(GTK_GESTURE(g), GTK_EVENT_SEQUENCE_CLAIMED);
}
/// A kiosk entry takes text from the on-screen keys and a keyboard only: no paste (from the
/// clipboard by any route: keys, the context menu or the middle button), no emoji chooser, and no
/// context menu (right button or long press are claimed before the text sees them).
static inline void shim_entry_lock(GtkWidget *entry) {
  GtkEditable *delegate = gtk_editable_get_delegate(GTK_EDITABLE(entry));
  GtkWidget *text = delegate ? GTK_WIDGET(delegate) : entry;
  g_signal_connect(text, "paste-clipboard", G_CALLBACK(shim__stop_signal), (gpointer) "paste-clipboard");
  g_signal_connect(text, "insert-emoji", G_CALLBACK(shim__stop_signal), (gpointer) "insert-emoji");
  g_object_set(entry, "enable-emoji-completion", FALSE, "show-emoji-icon", FALSE, NULL);
  GtkGesture *click = gtk_gesture_click_new();
  gtk_gesture_single_set_button(GTK_GESTURE_SINGLE(click), 0);
  gtk_event_controller_set_propagation_phase(GTK_EVENT_CONTROLLER(click), GTK_PHASE_CAPTURE);
  g_signal_connect(click, "pressed", G_CALLBACK(shim__claim_other_buttons), NULL);
  gtk_widget_add_controller(entry, GTK_EVENT_CONTROLLER(click));
  GtkGesture *hold = gtk_gesture_long_press_new();
  gtk_event_controller_set_propagation_phase(GTK_EVENT_CONTROLLER(hold), GTK_PHASE_CAPTURE);
  g_signal_connect(hold, "pressed", G_CALLBACK(shim__claim_long_press), NULL);
  gtk_widget_add_controller(entry, GTK_EVENT_CONTROLLER(hold));
}

/// The first monitor's size in pixels (0×0 when there is none yet).
static inline void shim_monitor_size(int *width, int *height) {
  *width = 0;
  *height = 0;
  GdkDisplay *d = gdk_display_get_default();
  if (!d) return;
  GListModel *monitors = gdk_display_get_monitors(d);
  if (g_list_model_get_n_items(monitors) == 0) return;
  GdkMonitor *m = g_list_model_get_item(monitors, 0);
  GdkRectangle r;
  gdk_monitor_get_geometry(m, &r);
  *width = r.width;
  *height = r.height;
  g_object_unref(m);
}

/// Empties the clipboard and the primary selection (one citizen's text never reaches the next).
static inline void shim_clear_clipboards(void) {
  GdkDisplay *d = gdk_display_get_default();
  if (!d) return;
  gdk_clipboard_set_content(gdk_display_get_clipboard(d), NULL);
  gdk_clipboard_set_content(gdk_display_get_primary_clipboard(d), NULL);
}

static inline double shim_monotonic_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/// Renders the window's own content to a PNG (no compositor needed).
static inline gboolean shim_snapshot_png(GtkWidget *w, const char *path) {
  int width = gtk_widget_get_width(w), height = gtk_widget_get_height(w);
  if (width <= 0 || height <= 0) return FALSE;
  GdkPaintable *paintable = gtk_widget_paintable_new(w);
  GtkSnapshot *snap = gtk_snapshot_new();
  gdk_paintable_snapshot(paintable, GDK_SNAPSHOT(snap), width, height);
  GskRenderNode *node = gtk_snapshot_free_to_node(snap);
  gboolean ok = FALSE;
  if (node) {
    GskRenderer *r = gtk_native_get_renderer(GTK_NATIVE(w));
    graphene_rect_t rect = GRAPHENE_RECT_INIT(0, 0, width, height);
    GdkTexture *tex = gsk_renderer_render_texture(r, node, &rect);
    ok = gdk_texture_save_to_png(tex, path);
    g_object_unref(tex);
    gsk_render_node_unref(node);
  }
  g_object_unref(paintable);
  return ok;
}

static inline const char *shim_renderer_name(GtkWidget *w) {
  GskRenderer *r = gtk_native_get_renderer(GTK_NATIVE(w));
  return r ? G_OBJECT_TYPE_NAME(r) : "none";
}

/// "wayland" or "x11" (or GDK's own type name for another backend); "" before a display is open.
static inline const char *shim_display_backend(void) {
  GdkDisplay *d = gdk_display_get_default();
  if (!d) return "";
  const char *t = G_OBJECT_TYPE_NAME(d);
  if (strcmp(t, "GdkWaylandDisplay") == 0) return "wayland";
  if (strcmp(t, "GdkX11Display") == 0) return "x11";
  return t;
}

/// Calls `cb(data)` once, after the first frame of `w` has been painted.
typedef void (*shim_void_cb)(void *);
typedef struct { shim_void_cb cb; void *data; gulong id; GdkFrameClock *clock; } shim_first_paint;
static inline void shim__after_paint(GdkFrameClock *clock, gpointer user) {
  shim_first_paint *fp = user;
  g_signal_handler_disconnect(clock, fp->id);
  fp->cb(fp->data);
  g_free(fp);
}
static inline void shim__on_map(GtkWidget *w, gpointer user) {
  shim_first_paint *fp = user;
  g_signal_handlers_disconnect_by_func(w, (gpointer)shim__on_map, user);
  fp->clock = gtk_widget_get_frame_clock(w);
  fp->id = g_signal_connect(fp->clock, "after-paint", G_CALLBACK(shim__after_paint), fp);
}
/// Calls `cb(data)` once, after the next frame of a mapped `w` has been painted.
static inline void shim_on_next_paint(GtkWidget *w, shim_void_cb cb, void *data) {
  shim_first_paint *fp = g_new0(shim_first_paint, 1);
  fp->cb = cb;
  fp->data = data;
  fp->clock = gtk_widget_get_frame_clock(w);
  fp->id = g_signal_connect(fp->clock, "after-paint", G_CALLBACK(shim__after_paint), fp);
  gtk_widget_queue_draw(w);
}
static inline void shim_on_first_paint(GtkWidget *w, shim_void_cb cb, void *data) {
  shim_first_paint *fp = g_new0(shim_first_paint, 1);
  fp->cb = cb;
  fp->data = data;
  g_signal_connect(w, "map", G_CALLBACK(shim__on_map), fp);
}

/* The page tour's survey of what a person sees: one line per button, label (outside buttons) and
 * text field that is shown, below `root`:
 *   kind \t x \t y \t width \t height \t font px \t inside `scrolled` (0/1) \t caption
 * with the rectangle in the window's coordinates (as it is now, scrolled as it is) and the font of
 * its caption (a button: the smallest of its labels'). The caller frees the text with g_free. */
static inline double shim__font_px(GtkWidget *w) {
  const PangoFontDescription *d = pango_context_get_font_description(gtk_widget_get_pango_context(w));
  if (!d) return 0;
  double size = (double)pango_font_description_get_size(d) / PANGO_SCALE;
  return pango_font_description_get_size_is_absolute(d) ? size : size * 96.0 / 72.0;
}
static inline void shim__labels(GtkWidget *w, GString *text, double *font) {
  if (!gtk_widget_get_visible(w)) return;
  if (GTK_IS_LABEL(w)) {
    const char *t = gtk_label_get_text(GTK_LABEL(w));
    if (t && *t) {
      if (text->len) g_string_append_c(text, ' ');
      g_string_append(text, t);
      double px = shim__font_px(w);
      if (*font == 0 || px < *font) *font = px;
    }
  }
  for (GtkWidget *c = gtk_widget_get_first_child(w); c; c = gtk_widget_get_next_sibling(c)) shim__labels(c, text, font);
}
static inline void shim__survey(GtkWidget *w, GtkWidget *window, GtkWidget *scrolled, GString *out) {
  if (!gtk_widget_is_drawable(w)) return;
  const char *kind = NULL;
  GString *name = g_string_new(NULL);
  double font = 0;
  if (GTK_IS_BUTTON(w)) {
    kind = "button";
    shim__labels(w, name, &font);
  } else if (GTK_IS_LABEL(w)) {
    kind = "label";
    shim__labels(w, name, &font);
  } else if (GTK_IS_ENTRY(w)) {
    kind = "field";
    g_string_append(name, gtk_editable_get_text(GTK_EDITABLE(w)));
    for (GtkWidget *c = gtk_widget_get_first_child(w); c; c = gtk_widget_get_next_sibling(c))
      if (GTK_IS_TEXT(c)) font = shim__font_px(c);
  }
  if (kind && (name->len || GTK_IS_ENTRY(w))) {
    graphene_rect_t r;
    if (gtk_widget_compute_bounds(w, window, &r)) {
      for (gsize i = 0; i < name->len; i++)
        if (name->str[i] == '\t' || name->str[i] == '\n') name->str[i] = ' ';
      g_string_append_printf(out, "%s\t%.0f\t%.0f\t%.0f\t%.0f\t%.1f\t%d\t%s\n", kind, r.origin.x, r.origin.y,
                             r.size.width, r.size.height, font,
                             scrolled && gtk_widget_is_ancestor(w, scrolled) ? 1 : 0, name->str);
    }
  }
  g_string_free(name, TRUE);
  if (kind) return; /* a button's or a field's own parts are not surveyed apart */
  for (GtkWidget *c = gtk_widget_get_first_child(w); c; c = gtk_widget_get_next_sibling(c))
    shim__survey(c, window, scrolled, out);
}
static inline char *shim_survey(GtkWidget *window, GtkWidget *root, GtkWidget *scrolled) {
  GString *out = g_string_new(NULL);
  shim__survey(root, window, scrolled, out);
  return g_string_free(out, FALSE);
}
/* The part of the page a scrolled window shows (window coordinates), and whether a scrollbar is on
 * screen beside it: a person sees that the page goes on (an overlay scrollbar shows only while
 * scrolling, and a touch screen has no pointer to bring it out). */
static inline gboolean shim_scrolled_view(GtkWidget *s, GtkWidget *window, double *x, double *y, double *w, double *h) {
  graphene_rect_t r;
  if (!gtk_widget_compute_bounds(s, window, &r)) return FALSE;
  *x = r.origin.x;
  *y = r.origin.y;
  *w = r.size.width;
  *h = r.size.height;
  return TRUE;
}
static inline gboolean shim_scrollbar_shown(GtkWidget *s) {
  GtkWidget *bar = gtk_scrolled_window_get_vscrollbar(GTK_SCROLLED_WINDOW(s));
  return !gtk_scrolled_window_get_overlay_scrolling(GTK_SCROLLED_WINDOW(s)) && bar && gtk_widget_is_drawable(bar) &&
         gtk_widget_get_width(bar) > 0;
}

/* The texts of the visible labels under a widget, in order, each followed by \x1e (a screen
 * reader's reading order, for the kiosk's Listen button). Free with g_free. */
static inline void shim_collect_labels(GtkWidget *w, GString *out) {
  if (!gtk_widget_get_visible(w)) return;
  if (GTK_IS_LABEL(w)) {
    g_string_append(out, gtk_label_get_text(GTK_LABEL(w)));
    g_string_append_c(out, '\x1e');
  }
  for (GtkWidget *c = gtk_widget_get_first_child(w); c; c = gtk_widget_get_next_sibling(c)) shim_collect_labels(c, out);
}
static inline char *shim_visible_texts(GtkWidget *w) {
  GString *out = g_string_new("");
  shim_collect_labels(w, out);
  return g_string_free(out, FALSE);
}

/* A toggle button with a one-line caption: its pressed state is announced (AT-SPI "toggle button",
 * state checked/pressed). */
static inline GtkWidget *shim_toggle_new_line(const char *t, gboolean active) {
  GtkWidget *b = gtk_toggle_button_new();
  gtk_button_set_child(GTK_BUTTON(b), gtk_label_new(t));
  gtk_toggle_button_set_active(GTK_TOGGLE_BUTTON(b), active);
  gtk_accessible_update_property(GTK_ACCESSIBLE(b), GTK_ACCESSIBLE_PROPERTY_LABEL, t, -1);
  return b;
}
/* A vertical box whose role is an alert (set at construction: roles cannot change later). */
static inline GtkWidget *shim_alert_box_new(int spacing) {
  return GTK_WIDGET(g_object_new(GTK_TYPE_BOX, "orientation", GTK_ORIENTATION_VERTICAL, "spacing", spacing,
                                 "accessible-role", GTK_ACCESSIBLE_ROLE_ALERT, NULL));
}
/* The error summary takes the focus after a refused answer (a screen reader reads it first); a
 * key typed there goes on into the page's field, which takes the focus back: nothing typed on a
 * physical keyboard or by a scanner is lost. */
static gboolean shim__forward_key(GtkEventControllerKey *c, guint keyval, guint keycode, GdkModifierType state,
                                  gpointer entry) {
  (void)keyval; (void)keycode; (void)state;
  GtkWidget *field = GTK_WIDGET(entry);
  if (!gtk_widget_get_mapped(field)) return FALSE;
  gtk_widget_grab_focus(field);
  GtkEditable *text = gtk_editable_get_delegate(GTK_EDITABLE(field));
  return gtk_event_controller_key_forward(GTK_EVENT_CONTROLLER_KEY(c), text ? GTK_WIDGET(text) : field);
}
static inline void shim_focusable_forwarding_keys(GtkWidget *w, GtkWidget *entry) {
  gtk_widget_set_focusable(w, TRUE);
  if (!entry) return;
  GtkEventController *c = gtk_event_controller_key_new();
  g_signal_connect_data(c, "key-pressed", G_CALLBACK(shim__forward_key), g_object_ref(entry),
                        (GClosureNotify)(void (*)(void))g_object_unref, 0);
  gtk_widget_add_controller(w, c);
}
/* `w` is described by `by` (a field by its hint or its error message). */
static inline void shim_described_by(GtkWidget *w, GtkWidget *a, GtkWidget *b) {
  /* The references, then NULL to end the list, then -1 to end the relations. */
  if (b) gtk_accessible_update_relation(GTK_ACCESSIBLE(w), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, a, b, NULL, -1);
  else gtk_accessible_update_relation(GTK_ACCESSIBLE(w), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, a, NULL, -1);
}
/* The page's title: a button (five quick taps open the staff door) whose role is a level-1
 * heading, so that a screen reader starts a page on its heading, not on a "button". */
static inline GtkWidget *shim_heading_button_new(const char *t) {
  GtkWidget *b = GTK_WIDGET(g_object_new(GTK_TYPE_BUTTON, "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING, NULL));
  gtk_button_set_child(GTK_BUTTON(b), gtk_label_new(t));
  gtk_accessible_update_property(GTK_ACCESSIBLE(b), GTK_ACCESSIBLE_PROPERTY_LABEL, t, GTK_ACCESSIBLE_PROPERTY_LEVEL, 1, -1);
  return b;
}
/* A picture from a file (an SVG through gdk-pixbuf's loader), `size` pixels square. */
/* A picture from a file, `size` pixels square. Each file is read (an SVG parsed and drawn by
 * librsvg through gdk-pixbuf) once per size and kept as a texture for the program's life: the info
 * page shows the same few pictures on every visit, and reading them again cost tens of ms a tap. A
 * file that cannot be read is not kept, and GTK shows its "missing image" (the pictures are
 * checked by a test). */
static inline GtkWidget *shim_image_new_from_file(const char *path, int size) {
  static GHashTable *textures = NULL;
  if (!textures) textures = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_object_unref);
  char *key = g_strdup_printf("%d:%s", size, path);
  GdkTexture *texture = g_hash_table_lookup(textures, key);
  if (!texture) {
    GdkPixbuf *pixbuf = gdk_pixbuf_new_from_file_at_size(path, size, size, NULL);
    if (pixbuf) {
      texture = gdk_texture_new_for_pixbuf(pixbuf);
      g_object_unref(pixbuf);
      g_hash_table_insert(textures, g_strdup(key), texture);
    }
  }
  g_free(key);
  GtkWidget *img = texture ? gtk_image_new_from_paintable(GDK_PAINTABLE(texture)) : gtk_image_new_from_file(path);
  gtk_image_set_pixel_size(GTK_IMAGE(img), size);
  return img;
}
