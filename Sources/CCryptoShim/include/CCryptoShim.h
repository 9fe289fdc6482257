#ifndef PFTLS_CCRYPTOSHIM_H
#define PFTLS_CCRYPTOSHIM_H
/* Functions for OpenSSL macros, STACK_OF accessors and struct fields that Swift
   cannot reach directly. Each wrapper does nothing but forward. */
#include <openssl/bio.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <openssl/pkcs7.h>
#include <openssl/ssl.h>

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

/* The certificates of a signed PKCS#7 structure (p7->d.sign->cert), borrowed;
   NULL when the structure is not of the signed type or holds none. */
STACK_OF(X509) *pftls_pkcs7_certificates(PKCS7 *p7);

/* XN_FLAG_RFC2253 keeping UTF-8 and control bytes raw: pftls escapes them itself (SafeText). */
unsigned long pftls_name_print_flags(void);

/* SSL_set_tlsext_host_name is a macro over SSL_ctrl: sets SNI. */
long pftls_ssl_set_server_name(SSL *ssl, const char *name);

#endif
