#include <cups/cups.h>
#include <cups/ipp.h>
#include <sys/syscall.h>
#include <unistd.h>

/// An anonymous in-memory file (memfd_create): a document handed to cupsDoIORequest without
/// touching the disk.
static inline int ccups_memfd(const char *name) { return (int)syscall(SYS_memfd_create, name, 0); }
