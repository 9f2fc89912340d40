#ifndef FOTA_CLIBXML2_SHIM_H
#define FOTA_CLIBXML2_SHIM_H

#include <libxml/xmlversion.h>
/* Debian builds libxml2 with ICU; its ICU headers clash with Foundation's bundled ICU module.
   Nothing here touches the ICU converter fields, so hide them. */
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlerror.h>

/// `xmlFree` is a global function pointer, which Swift 6 refuses as shared mutable state.
static inline void fota_xmlFree(void *pointer) { xmlFree(pointer); }

static inline void fota_ignoreGenericError(void *context, const char *message, ...) {
  (void)context;
  (void)message;
}

/// Stops libxml2 printing to stderr; callers collect structured errors instead.
static inline void fota_silenceGenericErrors(void) {
  xmlSetGenericErrorFunc(NULL, fota_ignoreGenericError);
}

#endif
