#ifndef YUQING_CLIBXML2_SHIM_H
#define YUQING_CLIBXML2_SHIM_H

// libxml2 pulls in ICU's headers when LIBXML_ICU_ENABLED is set, and those
// clash with Foundation's own ICU module; we never use libxml2's ICU API.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/xmlerror.h>
#include <libxml/encoding.h>

/// xmlFree is a macro-like global function pointer; Swift cannot call it directly.
static inline void yq_xml_free(void *p) { xmlFree(p); }

static void yq_xml_ignore_generic_error(void *ctx, const char *msg, ...) { (void)ctx; (void)msg; }
static void yq_xml_ignore_structured_error(void *ctx, xmlErrorPtr error) { (void)ctx; (void)error; }

/// Stops libxml2 printing parse errors to stderr on this thread (they are
/// reported through our own error values instead).
static inline void yq_xml_silence_errors(void) {
    xmlSetGenericErrorFunc(NULL, yq_xml_ignore_generic_error);
    xmlSetStructuredErrorFunc(NULL, yq_xml_ignore_structured_error);
}

#endif
