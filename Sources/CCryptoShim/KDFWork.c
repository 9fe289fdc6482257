/* How much key-derivation work an encrypted key or PKCS#12 bundle asks for,
   read from its algorithm parameters before OpenSSL is asked to derive anything.
   A hostile file can ask for 2^31-1 PBKDF2 iterations or a huge scrypt cost. */
#include "CCryptoShim.h"
#include <openssl/asn1.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pkcs12.h>
#include <stdint.h>

static int64_t integer_value(const ASN1_INTEGER *integer) {
    uint64_t value = 0;
    if (integer == NULL) return 1;
    if (ASN1_INTEGER_get_uint64(&value, integer) != 1) return -1;
    return value > (uint64_t)INT64_MAX ? INT64_MAX : (int64_t)value;
}

static int64_t saturating_product(int64_t a, int64_t b) {
    if (a <= 0 || b <= 0) return -1;
    if (a > INT64_MAX / b) return INT64_MAX;
    return a * b;
}

static int64_t pbkdf2_work(const ASN1_TYPE *parameter) {
    PBKDF2PARAM *kdf = ASN1_TYPE_unpack_sequence(ASN1_ITEM_rptr(PBKDF2PARAM), parameter);
    if (kdf == NULL) return -1;
    int64_t work = integer_value(kdf->iter);
    PBKDF2PARAM_free(kdf);
    return work;
}

static int64_t scrypt_work(const ASN1_TYPE *parameter) {
#ifndef OPENSSL_NO_SCRYPT
    SCRYPT_PARAMS *kdf = ASN1_TYPE_unpack_sequence(ASN1_ITEM_rptr(SCRYPT_PARAMS), parameter);
    if (kdf == NULL) return -1;
    int64_t work = saturating_product(integer_value(kdf->costParameter),
                       saturating_product(integer_value(kdf->blockSize), integer_value(kdf->parallelizationParameter)));
    SCRYPT_PARAMS_free(kdf);
    return work;
#else
    (void)parameter;
    return 0;
#endif
}

int64_t pftls_pbe_work(const X509_ALGOR *algorithm) {
    if (algorithm == NULL) return 0;
    const ASN1_TYPE *parameter = algorithm->parameter;
    int nid = OBJ_obj2nid(algorithm->algorithm);
    if (nid == NID_pbes2) {
        PBE2PARAM *pbe2 = ASN1_TYPE_unpack_sequence(ASN1_ITEM_rptr(PBE2PARAM), parameter);
        if (pbe2 == NULL || pbe2->keyfunc == NULL) { PBE2PARAM_free(pbe2); return -1; }
        int64_t work = 0;
        switch (OBJ_obj2nid(pbe2->keyfunc->algorithm)) {
        case NID_id_pbkdf2: work = pbkdf2_work(pbe2->keyfunc->parameter); break;
        case NID_id_scrypt: work = scrypt_work(pbe2->keyfunc->parameter); break;
        default: work = 0; break;
        }
        PBE2PARAM_free(pbe2);
        return work;
    }
    /* PKCS#5 v1 and PKCS#12 password-based encryption: PBEParameter (salt, iterations). */
    if (EVP_PBE_find(EVP_PBE_TYPE_OUTER, nid, NULL, NULL, NULL)) {
        PBEPARAM *pbe = ASN1_TYPE_unpack_sequence(ASN1_ITEM_rptr(PBEPARAM), parameter);
        if (pbe == NULL) return -1;
        int64_t work = integer_value(pbe->iter);
        PBEPARAM_free(pbe);
        return work;
    }
    return 0;
}

static int64_t larger(int64_t current, int64_t next) {
    if (current < 0 || next < 0) return -1;
    return next > current ? next : current;
}

static int64_t bags_work(const STACK_OF(PKCS12_SAFEBAG) *bags, int depth) {
    int64_t work = 0;
    if (depth > 4) return -1;
    for (int index = 0; index < sk_PKCS12_SAFEBAG_num(bags) && work >= 0; index++) {
        const PKCS12_SAFEBAG *bag = sk_PKCS12_SAFEBAG_value(bags, index);
        switch (PKCS12_SAFEBAG_get_nid(bag)) {
        case NID_pkcs8ShroudedKeyBag: {
            const X509_ALGOR *algorithm = NULL;
            X509_SIG_get0(PKCS12_SAFEBAG_get0_pkcs8(bag), &algorithm, NULL);
            work = larger(work, pftls_pbe_work(algorithm));
            break;
        }
        case NID_safeContentsBag:
            work = larger(work, bags_work(PKCS12_SAFEBAG_get0_safes(bag), depth + 1));
            break;
        default:
            break;
        }
    }
    return work;
}

int64_t pftls_pkcs12_pbe_work(PKCS12 *p12, const char *passphrase, int length, int64_t limit) {
    STACK_OF(PKCS7) *safes = PKCS12_unpack_authsafes(p12);
    if (safes == NULL) return 0; /* OpenSSL will say what is wrong when it parses the bundle. */
    int64_t work = 0;
    for (int index = 0; index < sk_PKCS7_num(safes) && work >= 0 && work <= limit; index++) {
        PKCS7 *safe = sk_PKCS7_value(safes, index);
        STACK_OF(PKCS12_SAFEBAG) *bags = NULL;
        switch (OBJ_obj2nid(safe->type)) {
        case NID_pkcs7_data:
            bags = PKCS12_unpack_p7data(safe);
            break;
        case NID_pkcs7_encrypted:
            if (safe->d.encrypted == NULL || safe->d.encrypted->enc_data == NULL) { work = -1; break; }
            work = larger(work, pftls_pbe_work(safe->d.encrypted->enc_data->algorithm));
            if (work >= 0 && work <= limit) bags = PKCS12_unpack_p7encdata(safe, passphrase, length);
            break;
        default:
            break;
        }
        if (bags != NULL) {
            work = larger(work, bags_work(bags, 0));
            sk_PKCS12_SAFEBAG_pop_free(bags, PKCS12_SAFEBAG_free);
        }
    }
    sk_PKCS7_pop_free(safes, PKCS7_free);
    return work;
}
