#ifndef YUQING_COPENSSL_SHIM_H
#define YUQING_COPENSSL_SHIM_H

// Only what Yuqing uses, behind a header without OpenSSL types, so Swift sees one plain function.
#include <openssl/evp.h>
#include <openssl/hmac.h>

// HMAC-SHA256 of data under key into out (32 bytes). Returns 0 on success, -1 on failure.
static inline int yq_hmac_sha256(const void *key, int key_len, const unsigned char *data, size_t data_len,
                                 unsigned char out[32]) {
    unsigned int len = 32;
    return HMAC(EVP_sha256(), key, key_len, data, data_len, out, &len) != NULL && len == 32 ? 0 : -1;
}

#endif
