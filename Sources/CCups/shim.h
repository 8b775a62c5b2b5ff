#include <cups/cups.h>
#include <cups/ipp.h>
#include <dlfcn.h>
#include <sys/syscall.h>
#include <unistd.h>

/// An anonymous in-memory file (memfd_create): a document handed to cupsDoIORequest without
/// touching the disk.
static inline int ccups_memfd(const char *name) { return (int)syscall(SYS_memfd_create, name, 0); }

/* libcups is opened on the first print, not at start-up: it brings some 25 libraries with it
 * (gnutls, kerberos, avahi…), which cost the kiosk's first frame ~15 ms and ~5 MiB for nothing.
 * Swift calls these ccups_* wrappers, which look each function up once. Without libcups the
 * calls fail as a missing print service does (the page says so in words). */
static inline void *ccups_lib(void) {
  static void *lib;
  if (!lib) lib = dlopen("libcups.so.2", RTLD_NOW | RTLD_GLOBAL);
  return lib;
}
static inline int ccups_available(void) { return ccups_lib() != NULL; }
#define CCUPS_SYM(name) \
  static __typeof__(&name) fn; \
  if (!fn && ccups_lib()) fn = (__typeof__(&name))dlsym(ccups_lib(), #name)

static inline ipp_attribute_t *ccups_ippAddString(ipp_t *ipp, ipp_tag_t group, ipp_tag_t tag, const char *name,
                                                  const char *language, const char *value) {
  CCUPS_SYM(ippAddString);
  return fn ? fn(ipp, group, tag, name, language, value) : NULL;
}
static inline ipp_attribute_t *ccups_ippAddInteger(ipp_t *ipp, ipp_tag_t group, ipp_tag_t tag, const char *name,
                                                   int value) {
  CCUPS_SYM(ippAddInteger);
  return fn ? fn(ipp, group, tag, name, value) : NULL;
}
static inline ipp_attribute_t *ccups_ippAddBoolean(ipp_t *ipp, ipp_tag_t group, const char *name, char value) {
  CCUPS_SYM(ippAddBoolean);
  return fn ? fn(ipp, group, name, value) : NULL;
}
static inline ipp_t *ccups_ippNewRequest(ipp_op_t op) {
  CCUPS_SYM(ippNewRequest);
  return fn ? fn(op) : NULL;
}
static inline ipp_attribute_t *ccups_ippFindAttribute(ipp_t *ipp, const char *name, ipp_tag_t tag) {
  CCUPS_SYM(ippFindAttribute);
  return fn && ipp ? fn(ipp, name, tag) : NULL;
}
static inline void ccups_ippDelete(ipp_t *ipp) {
  CCUPS_SYM(ippDelete);
  if (fn) fn(ipp);
}
static inline ipp_status_t ccups_ippGetStatusCode(ipp_t *ipp) {
  CCUPS_SYM(ippGetStatusCode);
  return fn && ipp ? fn(ipp) : IPP_STATUS_ERROR_SERVICE_UNAVAILABLE;
}
static inline int ccups_ippGetInteger(ipp_attribute_t *attr, int element) {
  CCUPS_SYM(ippGetInteger);
  return fn && attr ? fn(attr, element) : 0;
}
static inline const char *ccups_ippGetString(ipp_attribute_t *attr, int element, const char **language) {
  CCUPS_SYM(ippGetString);
  return fn && attr ? fn(attr, element, language) : NULL;
}
static inline int ccups_ippGetCount(ipp_attribute_t *attr) {
  CCUPS_SYM(ippGetCount);
  return fn && attr ? fn(attr) : 0;
}
static inline int ccups_ippGetBoolean(ipp_attribute_t *attr, int element) {
  CCUPS_SYM(ippGetBoolean);
  return fn && attr ? fn(attr, element) : 0;
}
static inline int ccups_ippPort(void) {
  CCUPS_SYM(ippPort);
  return fn ? fn() : 631;
}
static inline ipp_t *ccups_cupsDoRequest(http_t *http, ipp_t *request, const char *resource) {
  CCUPS_SYM(cupsDoRequest);
  return fn ? fn(http, request, resource) : NULL;
}
static inline ipp_t *ccups_cupsDoIORequest(http_t *http, ipp_t *request, const char *resource, int infile,
                                           int outfile) {
  CCUPS_SYM(cupsDoIORequest);
  return fn ? fn(http, request, resource, infile, outfile) : NULL;
}
static inline void ccups_httpClose(http_t *http) {
  CCUPS_SYM(httpClose);
  if (fn && http) fn(http);
}
static inline const char *ccups_cupsUser(void) {
  CCUPS_SYM(cupsUser);
  return fn ? fn() : "kiosk";
}
static inline const char *ccups_cupsServer(void) {
  CCUPS_SYM(cupsServer);
  return fn ? fn() : "localhost";
}
static inline const char *ccups_cupsLastErrorString(void) {
  CCUPS_SYM(cupsLastErrorString);
  return fn ? fn() : "libcups is not installed";
}
static inline ipp_status_t ccups_cupsLastError(void) {
  CCUPS_SYM(cupsLastError);
  return fn ? fn() : IPP_STATUS_ERROR_SERVICE_UNAVAILABLE;
}
static inline cups_dest_t *ccups_cupsGetNamedDest(http_t *http, const char *name, const char *instance) {
  CCUPS_SYM(cupsGetNamedDest);
  return fn ? fn(http, name, instance) : NULL;
}
static inline void ccups_cupsFreeDests(int num, cups_dest_t *dests) {
  CCUPS_SYM(cupsFreeDests);
  if (fn) fn(num, dests);
}
static inline http_t *ccups_httpConnect2(const char *host, int port, http_addrlist_t *addrlist, int family,
                                         http_encryption_t encryption, int blocking, int msec, int *cancel) {
  CCUPS_SYM(httpConnect2);
  return fn ? fn(host, port, addrlist, family, encryption, blocking, msec, cancel) : NULL;
}
static inline int ccups_cupsGetDests2(http_t *http, cups_dest_t **dests) {
  CCUPS_SYM(cupsGetDests2);
  return fn ? fn(http, dests) : 0;
}
/* A deadline for every request on this connection: a read or write that waits longer fails
 * (no callback, so libcups gives up at once). A stopped cupsd (SIGSTOP) still accepts the TCP
 * connection through the kernel's backlog and then never answers. */
static inline void ccups_httpSetTimeout(http_t *http, double timeout) {
  CCUPS_SYM(httpSetTimeout);
  if (fn && http) fn(http, timeout, NULL, NULL);
}
static inline ipp_attribute_t *ccups_ippFindNextAttribute(ipp_t *ipp, const char *name, ipp_tag_t tag) {
  CCUPS_SYM(ippFindNextAttribute);
  return fn && ipp ? fn(ipp, name, tag) : NULL;
}
