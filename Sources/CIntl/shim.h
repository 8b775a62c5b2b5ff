// glibc's gettext (libintl) and locale calls, which Swift's Glibc module does not bring.
#include <libintl.h>
#include <locale.h>
