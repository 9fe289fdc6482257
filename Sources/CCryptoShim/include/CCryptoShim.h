#ifndef PFTLS_CCRYPTOSHIM_H
#define PFTLS_CCRYPTOSHIM_H
/* Functions for OpenSSL macros, STACK_OF accessors and struct fields that Swift
   cannot reach directly. Each wrapper does nothing but forward. */
#include <openssl/bio.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <openssl/pkcs7.h>
#include <openssl/ssl.h>
#include <openssl/pkcs12.h>
#include <stdint.h>

/* OPENSSL_free is a macro that passes __FILE__/__LINE__. */
void pftls_openssl_free(void *pointer);

/* BIO_get_mem_data is a macro over BIO_ctrl. */
long pftls_bio_get_mem_data(BIO *bio, char **data);

/* STACK_OF(X509) accessors are static inline generics; give them fixed names. */
int pftls_x509_stack_count(const STACK_OF(X509) *stack);
X509 *pftls_x509_stack_value(const STACK_OF(X509) *stack, int index);
STACK_OF(X509) *pftls_x509_stack_new(void);
int pftls_x509_stack_push(STACK_OF(X509) *stack, X509 *certificate);
void pftls_x509_stack_free(STACK_OF(X509) *stack);
void pftls_x509_stack_pop_free(STACK_OF(X509) *stack);

/* GENERAL_NAMES (subjectAltName) accessors. */
int pftls_general_names_count(const GENERAL_NAMES *names);
GENERAL_NAME *pftls_general_names_value(const GENERAL_NAMES *names, int index);
void pftls_general_names_free(GENERAL_NAMES *names);
/* Authority Information Access: the caIssuers URIs (the issuer's certificate, to fetch). */
int pftls_aia_count(const AUTHORITY_INFO_ACCESS *access);
/* The URI of entry `index` when it is a caIssuers URI, else NULL; `length` receives its size. */
const unsigned char *pftls_aia_ca_issuers_uri(const AUTHORITY_INFO_ACCESS *access, int index, int *length);
void pftls_aia_free(AUTHORITY_INFO_ACCESS *access);

/* The certificates of a signed PKCS#7 structure (p7->d.sign->cert), borrowed;
   NULL when the structure is not of the signed type or holds none. */
STACK_OF(X509) *pftls_pkcs7_certificates(PKCS7 *p7);

/* XN_FLAG_RFC2253 keeping UTF-8 and control bytes raw: pftls escapes them itself (SafeText). */
unsigned long pftls_name_print_flags(void);

/* SSL_set_tlsext_host_name is a macro over SSL_ctrl: sets SNI. */
/* The private key of an unencrypted PEM block (PRIVATE KEY, RSA/EC/DSA PRIVATE KEY),
   decoded with one reused decoder chain; NULL when the block is encrypted or damaged
   (the caller then reads it the usual way, which says why). */
EVP_PKEY *pftls_unencrypted_private_key(const char *pem, size_t length);

long pftls_ssl_set_server_name(SSL *ssl, const char *name);

/* SSL_set1_sigalgs_list is a macro over SSL_ctrl: the signature algorithms the client offers
   (an RSA-only or ECDSA-only client). */
long pftls_ssl_set_signature_algorithms(SSL *ssl, const char *list);

/* STACK_OF(X509_EXTENSION) for a request's extensions. */
STACK_OF(X509_EXTENSION) *pftls_extension_stack_new(void);
int pftls_extension_stack_push(STACK_OF(X509_EXTENSION) *stack, X509_EXTENSION *extension);
void pftls_extension_stack_pop_free(STACK_OF(X509_EXTENSION) *stack);

/* The key-derivation work an encryption algorithm asks for: iterations for PBKDF2
   and PKCS#5/PKCS#12 PBE, N*r*p for scrypt. 0 when the algorithm has no KDF pftls
   knows of (OpenSSL then decides); -1 when its parameters cannot be decoded. */
int64_t pftls_pbe_work(const X509_ALGOR *algorithm);

/* The largest KDF work among a PKCS#12 bundle's encrypted parts (encrypted safes and
   shrouded key bags), each checked before anything behind it is decrypted with
   `passphrase`; stops early once the work passes `limit`. -1 when undecodable. */
int64_t pftls_pkcs12_pbe_work(PKCS12 *p12, const char *passphrase, int length, int64_t limit);

#endif
