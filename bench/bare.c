/* The yardstick for start-up: a bare GTK 4 window with one label, full screen, that prints the
 * CLOCK_MONOTONIC time of its first painted frame and quits, as the kiosk does with
 * --exit-after-first-frame. */
#include <gtk/gtk.h>
#include <stdio.h>
#include <time.h>

static GtkApplication *app;

static void after_paint(GdkFrameClock *clock, gpointer user) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  printf("first-frame-ms %f renderer %s\n", ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6,
         G_OBJECT_TYPE_NAME(gtk_native_get_renderer(GTK_NATIVE(user))));
  fflush(stdout);
  g_signal_handlers_disconnect_by_func(clock, after_paint, user);
  g_application_quit(G_APPLICATION(app));
}

static void on_map(GtkWidget *w, gpointer user) {
  g_signal_connect(gtk_widget_get_frame_clock(w), "after-paint", G_CALLBACK(after_paint), w);
}

static void activate(GtkApplication *a, gpointer user) {
  GtkWidget *win = gtk_application_window_new(a);
  gtk_window_set_decorated(GTK_WINDOW(win), FALSE);
  gtk_window_set_default_size(GTK_WINDOW(win), 1280, 800);
  gtk_window_fullscreen(GTK_WINDOW(win));
  gtk_window_set_child(GTK_WINDOW(win), gtk_label_new("ভূমিসেবা কিয়স্ক"));
  g_signal_connect(win, "map", G_CALLBACK(on_map), NULL);
  gtk_window_present(GTK_WINDOW(win));
}

int main(int argc, char **argv) {
  app = gtk_application_new("bd.gov.land.BareWindow", G_APPLICATION_NON_UNIQUE);
  g_signal_connect(app, "activate", G_CALLBACK(activate), NULL);
  int status = g_application_run(G_APPLICATION(app), argc, argv);
  g_object_unref(app);
  return status;
}
