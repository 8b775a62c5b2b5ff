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

/* A PDF drawn onto a Cairo context (a thermal printer's raster). The document is opened once
 * and each page drawn at the context's scale; `cpoppler_close` frees it. */
typedef struct cpoppler_doc cpoppler_doc;
typedef struct {
  void *lib;
  void *(*bytes_new)(const void *, size_t);
  void (*bytes_unref)(void *);
  void *(*doc_new)(void *, const char *, cpoppler_gerror **);
  int (*n_pages)(void *);
  void *(*get_page)(void *, int);
  void (*page_size)(void *, double *, double *);
  void (*render)(void *, void *);
  void (*object_unref)(void *);
  void (*error_free)(cpoppler_gerror *);
} cpoppler_fns;
/* The functions, looked up once (a static inside a function: Swift sees no global to link). */
static inline cpoppler_fns *cpoppler_fn_table(void) {
  static cpoppler_fns fns;
  return &fns;
}
#define cpoppler_fn (*cpoppler_fn_table())

static inline cpoppler_doc *cpoppler_open(const void *data, size_t length, char *why, size_t why_size) {
  if (!cpoppler_fn.lib) {
    cpoppler_fn.lib = dlopen("libpoppler-glib.so.8", RTLD_NOW | RTLD_GLOBAL);
    if (!cpoppler_fn.lib) {
      snprintf(why, why_size, "poppler-glib is not installed (%s)", dlerror());
      return NULL;
    }
    void *lib = cpoppler_fn.lib;
    cpoppler_fn.bytes_new = (void *(*)(const void *, size_t))dlsym(lib, "g_bytes_new");
    cpoppler_fn.bytes_unref = (void (*)(void *))dlsym(lib, "g_bytes_unref");
    cpoppler_fn.doc_new = (void *(*)(void *, const char *, cpoppler_gerror **))dlsym(lib, "poppler_document_new_from_bytes");
    cpoppler_fn.n_pages = (int (*)(void *))dlsym(lib, "poppler_document_get_n_pages");
    cpoppler_fn.get_page = (void *(*)(void *, int))dlsym(lib, "poppler_document_get_page");
    cpoppler_fn.page_size = (void (*)(void *, double *, double *))dlsym(lib, "poppler_page_get_size");
    cpoppler_fn.render = (void (*)(void *, void *))dlsym(lib, "poppler_page_render_for_printing");
    cpoppler_fn.object_unref = (void (*)(void *))dlsym(lib, "g_object_unref");
    cpoppler_fn.error_free = (void (*)(cpoppler_gerror *))dlsym(lib, "g_error_free");
  }
  if (!cpoppler_fn.bytes_new || !cpoppler_fn.doc_new || !cpoppler_fn.get_page || !cpoppler_fn.render ||
      !cpoppler_fn.page_size || !cpoppler_fn.n_pages || !cpoppler_fn.object_unref || !cpoppler_fn.error_free) {
    snprintf(why, why_size, "poppler-glib lacks a function this program needs");
    return NULL;
  }
  cpoppler_gerror *error = NULL;
  void *bytes = cpoppler_fn.bytes_new(data, length);
  void *doc = cpoppler_fn.doc_new(bytes, NULL, &error);
  cpoppler_fn.bytes_unref(bytes);
  if (!doc) {
    snprintf(why, why_size, "%s", error && error->message ? error->message : "unknown error");
    if (error) cpoppler_fn.error_free(error);
    return NULL;
  }
  return (cpoppler_doc *)doc;
}
static inline int cpoppler_pages(cpoppler_doc *doc) { return cpoppler_fn.n_pages(doc); }
/* The page's size in points; 0 when there is no such page. */
static inline int cpoppler_page_size(cpoppler_doc *doc, int index, double *width, double *height) {
  void *page = cpoppler_fn.get_page(doc, index);
  if (!page) return 0;
  cpoppler_fn.page_size(page, width, height);
  cpoppler_fn.object_unref(page);
  return 1;
}
/* Draws page `index` on a cairo_t (passed untyped: this header includes no Cairo). */
static inline int cpoppler_render(cpoppler_doc *doc, int index, void *cairo) {
  void *page = cpoppler_fn.get_page(doc, index);
  if (!page) return 0;
  cpoppler_fn.render(page, cairo);
  cpoppler_fn.object_unref(page);
  return 1;
}
static inline void cpoppler_close(cpoppler_doc *doc) { if (doc) cpoppler_fn.object_unref(doc); }
