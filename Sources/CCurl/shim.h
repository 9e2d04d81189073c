#ifndef YUQING_CCURL_SHIM_H
#define YUQING_CCURL_SHIM_H

// Swift cannot call C variadic functions, so every curl_*_setopt / getinfo
// call goes through one typed wrapper per argument type.
#include <curl/curl.h>

typedef size_t (*yq_curl_write_callback)(char *ptr, size_t size, size_t nmemb, void *userdata);
typedef int (*yq_curl_xferinfo_callback)(void *clientp, curl_off_t dltotal, curl_off_t dlnow,
                                         curl_off_t ultotal, curl_off_t ulnow);
typedef size_t (*yq_curl_read_callback)(char *buffer, size_t size, size_t nitems, void *userdata);

static inline CURLcode yq_easy_setopt_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode yq_easy_setopt_off(CURL *h, CURLoption o, curl_off_t v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode yq_easy_setopt_string(CURL *h, CURLoption o, const char *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode yq_easy_setopt_pointer(CURL *h, CURLoption o, void *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode yq_easy_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode yq_easy_setopt_mime(CURL *h, CURLoption o, curl_mime *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode yq_easy_setopt_write_callback(CURL *h, CURLoption o, yq_curl_write_callback v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode yq_easy_setopt_read_callback(CURL *h, CURLoption o, yq_curl_read_callback v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode yq_easy_setopt_xferinfo_callback(CURL *h, CURLoption o, yq_curl_xferinfo_callback v) { return curl_easy_setopt(h, o, v); }

static inline CURLcode yq_easy_getinfo_long(CURL *h, CURLINFO i, long *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode yq_easy_getinfo_off(CURL *h, CURLINFO i, curl_off_t *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode yq_easy_getinfo_string(CURL *h, CURLINFO i, char **v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode yq_easy_getinfo_pointer(CURL *h, CURLINFO i, void **v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode yq_easy_getinfo_double(CURL *h, CURLINFO i, double *v) { return curl_easy_getinfo(h, i, v); }

static inline CURLMcode yq_multi_setopt_long(CURLM *m, CURLMoption o, long v) { return curl_multi_setopt(m, o, v); }

#endif
