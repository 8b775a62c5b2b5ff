#include <dlfcn.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

/* poppler-glib is opened on first use (a handout's page count), not at start-up: it brings nss,
 * lcms, openjpeg and libstdc++ with it. Only the few calls below are needed, so they are looked
 * up by name and no poppler header is needed either. */
typedef struct { unsigned int domain; int code; char *message; } cpoppler_gerror; /* GError's layout */

/// The number of pages of a PDF in memory, or -1 with a reason in `why`.
static inline int cpoppler_page_count(const void *data, size_t length, char *why, size_t why_size) {
  static void *lib;
  static void *(*bytes_new)(const void *, size_t);
  static void (*bytes_unref)(void *);
  static void *(*doc_new)(void *, const char *, cpoppler_gerror **);
  static int (*n_pages)(void *);
  static void (*object_unref)(void *);
  static void (*error_free)(cpoppler_gerror *);
  if (!lib) {
    lib = dlopen("libpoppler-glib.so.8", RTLD_NOW | RTLD_GLOBAL);
    if (!lib) {
      snprintf(why, why_size, "poppler-glib is not installed (%s)", dlerror());
      return -1;
    }
    bytes_new = (void *(*)(const void *, size_t))dlsym(lib, "g_bytes_new");
    bytes_unref = (void (*)(void *))dlsym(lib, "g_bytes_unref");
    doc_new = (void *(*)(void *, const char *, cpoppler_gerror **))dlsym(lib, "poppler_document_new_from_bytes");
    n_pages = (int (*)(void *))dlsym(lib, "poppler_document_get_n_pages");
    object_unref = (void (*)(void *))dlsym(lib, "g_object_unref");
    error_free = (void (*)(cpoppler_gerror *))dlsym(lib, "g_error_free");
  }
  if (!bytes_new || !bytes_unref || !doc_new || !n_pages || !object_unref || !error_free) {
    snprintf(why, why_size, "poppler-glib lacks a function this program needs");
    return -1;
  }
  cpoppler_gerror *error = NULL;
  void *bytes = bytes_new(data, length);
  void *doc = doc_new(bytes, NULL, &error);
  bytes_unref(bytes);
  if (!doc) {
    snprintf(why, why_size, "%s", error && error->message ? error->message : "unknown error");
    if (error) error_free(error);
    return -1;
  }
  int pages = n_pages(doc);
  object_unref(doc);
  return pages;
}
