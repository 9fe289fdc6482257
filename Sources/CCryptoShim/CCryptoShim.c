#include "CCryptoShim.h"
#include <openssl/crypto.h>
#include <openssl/objects.h>

void pftls_openssl_free(void *pointer) { OPENSSL_free(pointer); }

long pftls_bio_get_mem_data(BIO *bio, char **data) { return BIO_get_mem_data(bio, data); }

int pftls_x509_stack_count(const STACK_OF(X509) *stack) { return sk_X509_num(stack); }
X509 *pftls_x509_stack_value(const STACK_OF(X509) *stack, int index) { return sk_X509_value(stack, index); }
STACK_OF(X509) *pftls_x509_stack_new(void) { return sk_X509_new_null(); }
int pftls_x509_stack_push(STACK_OF(X509) *stack, X509 *certificate) { return sk_X509_push(stack, certificate); }
void pftls_x509_stack_free(STACK_OF(X509) *stack) { sk_X509_free(stack); }
void pftls_x509_stack_pop_free(STACK_OF(X509) *stack) { sk_X509_pop_free(stack, X509_free); }

int pftls_general_names_count(const GENERAL_NAMES *names) { return sk_GENERAL_NAME_num(names); }
GENERAL_NAME *pftls_general_names_value(const GENERAL_NAMES *names, int index) { return sk_GENERAL_NAME_value(names, index); }
void pftls_general_names_free(GENERAL_NAMES *names) { GENERAL_NAMES_free(names); }
int pftls_aia_count(const AUTHORITY_INFO_ACCESS *access) { return sk_ACCESS_DESCRIPTION_num(access); }
const unsigned char *pftls_aia_ca_issuers_uri(const AUTHORITY_INFO_ACCESS *access, int index, int *length) {
    ACCESS_DESCRIPTION *entry = sk_ACCESS_DESCRIPTION_value(access, index);
    if (entry == NULL || OBJ_obj2nid(entry->method) != NID_ad_ca_issuers || entry->location->type != GEN_URI) return NULL;
    *length = ASN1_STRING_length(entry->location->d.uniformResourceIdentifier);
    return ASN1_STRING_get0_data(entry->location->d.uniformResourceIdentifier);
}
void pftls_aia_free(AUTHORITY_INFO_ACCESS *access) { AUTHORITY_INFO_ACCESS_free(access); }

STACK_OF(X509) *pftls_pkcs7_certificates(PKCS7 *p7) {
    if (p7 == NULL || p7->d.ptr == NULL) return NULL;
    switch (OBJ_obj2nid(p7->type)) {
    case NID_pkcs7_signed: return p7->d.sign->cert;
    case NID_pkcs7_signedAndEnveloped: return p7->d.signed_and_enveloped->cert;
    default: return NULL;
    }
}

unsigned long pftls_name_print_flags(void) { return XN_FLAG_RFC2253 & ~(ASN1_STRFLGS_ESC_MSB | ASN1_STRFLGS_ESC_CTRL); }

long pftls_ssl_set_server_name(SSL *ssl, const char *name) { return SSL_set_tlsext_host_name(ssl, name); }

long pftls_ssl_set_signature_algorithms(SSL *ssl, const char *list) { return SSL_set1_sigalgs_list(ssl, list); }

STACK_OF(X509_EXTENSION) *pftls_extension_stack_new(void) { return sk_X509_EXTENSION_new_null(); }
int pftls_extension_stack_push(STACK_OF(X509_EXTENSION) *stack, X509_EXTENSION *extension) { return sk_X509_EXTENSION_push(stack, extension); }
void pftls_extension_stack_pop_free(STACK_OF(X509_EXTENSION) *stack) { sk_X509_EXTENSION_pop_free(stack, X509_EXTENSION_free); }
