#include "CCryptoShim.h"
#include <openssl/decoder.h>
#include <openssl/pem.h>
#include <pthread.h>

/* OpenSSL 3 builds a decoder chain for every PEM_read_bio_PrivateKey, and building it
   costs about ten times the decoding itself (it fetches and sorts every decoder of every
   provider). One chain for DER keys of any structure (PKCS#8, PKCS#1, SEC1) is built once
   and reused under a lock: a decoder context is not safe to share between threads. */
static pthread_mutex_t pftls_key_decoder_lock = PTHREAD_MUTEX_INITIALIZER;
static OSSL_DECODER_CTX *pftls_key_decoder;
static EVP_PKEY *pftls_key_decoded;

EVP_PKEY *pftls_unencrypted_private_key(const char *pem, size_t length) {
    BIO *bio = BIO_new_mem_buf(pem, (int)length);
    if (bio == NULL) return NULL;
    char *name = NULL, *header = NULL;
    unsigned char *der = NULL;
    long size = 0;
    EVP_PKEY *key = NULL;
    /* An encrypted block (Proc-Type and DEK-Info headers) is not for this path. */
    if (PEM_read_bio(bio, &name, &header, &der, &size) == 1 && header != NULL && header[0] == '\0') {
        const unsigned char *cursor = der;
        size_t left = (size_t)size;
        pthread_mutex_lock(&pftls_key_decoder_lock);
        if (pftls_key_decoder == NULL)
            pftls_key_decoder = OSSL_DECODER_CTX_new_for_pkey(&pftls_key_decoded, "DER", NULL, NULL, EVP_PKEY_KEYPAIR, NULL, NULL);
        pftls_key_decoded = NULL;
        if (pftls_key_decoder != NULL && OSSL_DECODER_from_data(pftls_key_decoder, &cursor, &left) == 1 && left == 0)
            key = pftls_key_decoded;
        else
            EVP_PKEY_free(pftls_key_decoded);
        pftls_key_decoded = NULL;
        pthread_mutex_unlock(&pftls_key_decoder_lock);
    }
    OPENSSL_free(name);
    OPENSSL_free(header);
    OPENSSL_clear_free(der, (size_t)size);
    BIO_free(bio);
    return key;
}
