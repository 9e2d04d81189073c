#ifndef YUQING_CCURL_SHIM_H
#define YUQING_CCURL_SHIM_H

// Swift cannot call C variadic functions, so every curl_*_setopt / getinfo
// call goes through one typed wrapper per argument type.
#include <curl/curl.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

typedef size_t (*yq_curl_write_callback)(char *ptr, size_t size, size_t nmemb, void *userdata);
typedef int (*yq_curl_xferinfo_callback)(void *clientp, curl_off_t dltotal, curl_off_t dlnow,
                                         curl_off_t ultotal, curl_off_t ulnow);
typedef curl_socket_t (*yq_curl_opensocket_callback)(void *clientp, curlsocktype purpose, struct curl_sockaddr *address);
typedef int (*yq_curl_prereq_callback)(void *clientp, char *conn_primary_ip, char *conn_local_ip,
                                       int conn_primary_port, int conn_local_port);
typedef size_t (*yq_curl_read_callback)(char *buffer, size_t size, size_t nitems, void *userdata);
typedef int (*yq_curl_debug_callback)(CURL *handle, curl_infotype type, char *data, size_t size, void *userdata);

static inline CURLcode yq_easy_setopt_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode yq_easy_setopt_off(CURL *h, CURLoption o, curl_off_t v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode yq_easy_setopt_string(CURL *h, CURLoption o, const char *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode yq_easy_setopt_pointer(CURL *h, CURLoption o, void *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode yq_easy_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode yq_easy_setopt_mime(CURL *h, CURLoption o, curl_mime *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode yq_easy_setopt_write_callback(CURL *h, CURLoption o, yq_curl_write_callback v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode yq_easy_setopt_read_callback(CURL *h, CURLoption o, yq_curl_read_callback v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode yq_easy_setopt_xferinfo_callback(CURL *h, CURLoption o, yq_curl_xferinfo_callback v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode yq_easy_setopt_opensocket_callback(CURL *h, CURLoption o, yq_curl_opensocket_callback v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode yq_easy_setopt_debug_callback(CURL *h, CURLoption o, yq_curl_debug_callback v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode yq_easy_setopt_prereq_callback(CURL *h, CURLoption o, yq_curl_prereq_callback v) { return curl_easy_setopt(h, o, v); }

// The address an OPENSOCKETFUNCTION is asked to connect to, as text; -1 for non-IP families.
static inline int yq_sockaddr_ip(const struct curl_sockaddr *a, char *buf, socklen_t len) {
    if (a->family == AF_INET)
        return inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)&a->addr)->sin_addr, buf, len) ? 0 : -1;
    if (a->family == AF_INET6)
        return inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)&a->addr)->sin6_addr, buf, len) ? 0 : -1;
    return -1;
}
// What libcurl itself does when no OPENSOCKETFUNCTION is set.
static inline curl_socket_t yq_open_socket(const struct curl_sockaddr *a) {
    return socket(a->family, a->socktype, a->protocol);
}

static inline CURLcode yq_easy_getinfo_long(CURL *h, CURLINFO i, long *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode yq_easy_getinfo_off(CURL *h, CURLINFO i, curl_off_t *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode yq_easy_getinfo_string(CURL *h, CURLINFO i, char **v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode yq_easy_getinfo_pointer(CURL *h, CURLINFO i, void **v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode yq_easy_getinfo_double(CURL *h, CURLINFO i, double *v) { return curl_easy_getinfo(h, i, v); }

static inline CURLMcode yq_multi_setopt_long(CURLM *m, CURLMoption o, long v) { return curl_multi_setopt(m, o, v); }

#endif
