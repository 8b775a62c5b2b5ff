#include <librsvg/rsvg.h>
#include <glib-object.h>
