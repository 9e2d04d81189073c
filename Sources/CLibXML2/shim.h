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

static xmlParserInputPtr yq_xml_refuse_entity(const char *url, const char *id, xmlParserCtxtPtr ctxt) {
    (void)url; (void)id; (void)ctxt;
    return NULL;
}

/// Makes libxml2 refuse to load any external entity, DTD or XInclude target, whatever the
/// parser options say (defence in depth against XXE: feeds are untrusted input).
/// Process-wide; call once before parsing.
static inline void yq_xml_refuse_external_entities(void) {
    xmlSetExternalEntityLoader(yq_xml_refuse_entity);
}

/// True when libxml2 can decode `name` (built in or through iconv).
static inline int yq_xml_has_encoding(const char *name) {
    xmlCharEncodingHandlerPtr handler = xmlFindCharEncodingHandler(name);
    if (handler == NULL) return 0;
    xmlCharEncCloseFunc(handler);
    return 1;
}

#endif
