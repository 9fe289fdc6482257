#define _GNU_SOURCE
#include "CResolverShim.h"
#include <arpa/inet.h>
#include <arpa/nameser.h>
#include <netdb.h>
#include <netinet/in.h>
#include <resolv.h>
#include <stdlib.h>
#include <string.h>

int pftls_dns_lookup(const char *name, int type, const char *server, int port, int timeout, int attempts,
                     pftls_dns_record *records, int capacity, int *count, int *authenticated) {
    *count = 0;
    *authenticated = 0;
    res_state state = calloc(1, sizeof(struct __res_state));
    if (state == NULL) return PFTLS_DNS_FAILED;
    if (res_ninit(state) != 0) { free(state); return PFTLS_DNS_FAILED; }
    /* As Postfix does for DANE: ask with EDNS0 and the DO bit, and keep the AD bit. */
    state->options |= RES_USE_EDNS0 | RES_USE_DNSSEC | RES_TRUSTAD;
    state->options &= ~(unsigned long)(RES_DNSRCH | RES_DEFNAMES);
    state->retrans = timeout;
    state->retry = attempts;
    if (server != NULL) {
        struct sockaddr_in address;
        memset(&address, 0, sizeof address);
        address.sin_family = AF_INET;
        address.sin_port = htons((unsigned short)port);
        if (inet_pton(AF_INET, server, &address.sin_addr) != 1) { res_nclose(state); free(state); return PFTLS_DNS_FAILED; }
        state->nsaddr_list[0] = address;
        state->nscount = 1;
    }
    unsigned char *answer = malloc(65536);
    if (answer == NULL) { res_nclose(state); free(state); return PFTLS_DNS_FAILED; }
    int length = res_nquery(state, name, ns_c_in, type, answer, 65536);
    int status = PFTLS_DNS_FAILED;
    if (length < 0) {
        if (state->res_h_errno == HOST_NOT_FOUND) status = PFTLS_DNS_NO_NAME;
        else if (state->res_h_errno == NO_DATA) status = PFTLS_DNS_NO_DATA;
    } else {
        ns_msg message;
        if (ns_initparse(answer, length, &message) == 0) {
            *authenticated = ns_msg_getflag(message, ns_f_ad);
            status = PFTLS_DNS_NO_DATA;
            int total = ns_msg_count(message, ns_s_an);
            for (int index = 0; index < total && *count < capacity; index++) {
                ns_rr record;
                if (ns_parserr(&message, ns_s_an, index, &record) != 0) { status = PFTLS_DNS_FAILED; break; }
                if (ns_rr_type(record) != type || ns_rr_class(record) != ns_c_in) continue;
                pftls_dns_record *out = &records[*count];
                memset(out, 0, sizeof *out);
                out->ttl = ns_rr_ttl(record);
                int size = ns_rr_rdlen(record);
                if (size > (int)sizeof out->data) continue;
                memcpy(out->data, ns_rr_rdata(record), size);
                out->length = size;
                if (type == ns_t_mx) {
                    if (size < 3) continue;
                    out->preference = (ns_rr_rdata(record)[0] << 8) | ns_rr_rdata(record)[1];
                    if (dn_expand(ns_msg_base(message), ns_msg_end(message), ns_rr_rdata(record) + 2,
                                  out->target, sizeof out->target) < 0) continue;
                }
                *count += 1;
                status = PFTLS_DNS_ANSWER;
            }
        }
    }
    free(answer);
    res_nclose(state);
    free(state);
    return status;
}
