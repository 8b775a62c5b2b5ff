#include <pango/pangocairo.h>
#include <cairo.h>
#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include <stdint.h>

/* Builds a fontconfig configuration from XML text; NULL when it does not parse or has no fonts. */
static inline FcConfig *cpango_font_config_new(const char *xml) {
  FcConfig *config = FcConfigCreate();
  if (!config) return NULL;
  if (!FcConfigParseAndLoadFromMemory(config, (const FcChar8 *)xml, FcTrue) || !FcConfigBuildFonts(config)) {
    FcConfigDestroy(config);
    return NULL;
  }
  FcFontSet *set = FcConfigGetFonts(config, FcSetSystem);
  if (!set || set->nfont == 0) {
    FcConfigDestroy(config);
    return NULL;
  }
  return config;
}
/* Makes `config` the process's fontconfig configuration (Pango and GTK use the current one). */
static inline int cpango_font_config_use(FcConfig *config) {
  int ok = FcConfigSetCurrent(config);
  FcConfigDestroy(config); /* the current configuration holds its own reference */
  return ok;
}
static inline void cpango_font_config_free(FcConfig *config) { FcConfigDestroy(config); }
/* How many fonts `config` offers with this family name. */
static inline int cpango_font_config_count(FcConfig *config, const char *family) {
  FcFontSet *set = FcConfigGetFonts(config, FcSetSystem);
  int n = 0;
  for (int i = 0; set && i < set->nfont; i++) {
    FcChar8 *f = NULL;
    for (int k = 0; FcPatternGetString(set->fonts[i], FC_FAMILY, k, &f) == FcResultMatch; k++)
      if (strcmp((const char *)f, family) == 0) { n++; break; }
  }
  return n;
}
/* Whether some font of `config` has a glyph for this character. */
static inline int cpango_font_config_covers(FcConfig *config, uint32_t ch) {
  FcFontSet *set = FcConfigGetFonts(config, FcSetSystem);
  for (int i = 0; set && i < set->nfont; i++) {
    FcCharSet *cs = NULL;
    if (FcPatternGetCharSet(set->fonts[i], FC_CHARSET, 0, &cs) == FcResultMatch && FcCharSetHasChar(cs, ch)) return 1;
  }
  return 0;
}
/* How many fonts the current configuration offers with this family name (initialises fontconfig). */
static inline int cpango_current_font_count(const char *family) {
  FcConfig *config = FcConfigReference(NULL);
  int n = config ? cpango_font_config_count(config, family) : 0;
  if (config) FcConfigDestroy(config);
  return n;
}
/* Goes back to the system's configuration. */
static inline void cpango_font_config_reset(void) {
  FcConfig *config = FcInitLoadConfigAndFonts();
  if (config) { FcConfigSetCurrent(config); FcConfigDestroy(config); }
}
