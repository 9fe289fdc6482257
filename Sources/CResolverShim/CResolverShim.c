#define _GNU_SOURCE
#include "CResolverShim.h"
#include <arpa/inet.h>
#include <arpa/nameser.h>
#include <netdb.h>
#include <netinet/in.h>
#include <resolv.h>
#include <stdlib.h>
#include <string.h>

/* Makes `server` (IPv4 or IPv6 text) on `port` the only server `state` asks. The C library
   keeps IPv4 servers in nsaddr_list and IPv6 ones in _u._ext.nsaddrs (allocated by
   res_ninit, freed by res_nclose, and used where nsaddr_list's family is 0), so the
   addresses res_ninit read from resolv.conf are freed first. */
static int use_server(res_state state, const char *server, int port) {
    for (int index = 0; index < MAXNS; index++) {
        free(state->_u._ext.nsaddrs[index]);
        state->_u._ext.nsaddrs[index] = NULL;
    }
    memset(&state->nsaddr_list[0], 0, sizeof state->nsaddr_list[0]);
    state->_u._ext.nssocks[0] = -1;
    state->nscount = 1;
    if (inet_pton(AF_INET, server, &state->nsaddr_list[0].sin_addr) == 1) {
        state->nsaddr_list[0].sin_family = AF_INET;
        state->nsaddr_list[0].sin_port = htons((unsigned short)port);
        return 0;
    }
    struct sockaddr_in6 *address = calloc(1, sizeof *address);
    if (address == NULL) return -1;
    if (inet_pton(AF_INET6, server, &address->sin6_addr) != 1) { free(address); return -1; }
    address->sin6_family = AF_INET6;
    address->sin6_port = htons((unsigned short)port);
    state->_u._ext.nsaddrs[0] = address;
    return 0;
}

int pftls_dns_query(const char *name, int type, const char *server, int port, int timeout, int attempts,
                    unsigned char *message, int capacity, int *length) {
    *length = 0;
    res_state state = calloc(1, sizeof(struct __res_state));
    if (state == NULL) return PFTLS_DNS_FAILED;
    if (res_ninit(state) != 0) { free(state); return PFTLS_DNS_FAILED; }
    /* As Postfix does for DANE: ask with EDNS0 and the DO bit, and keep the AD bit. */
    state->options |= RES_USE_EDNS0 | RES_USE_DNSSEC | RES_TRUSTAD;
    state->options &= ~(unsigned long)(RES_DNSRCH | RES_DEFNAMES);
    state->retrans = timeout;
    state->retry = attempts;
    if (server != NULL && use_server(state, server, port) != 0) { res_nclose(state); free(state); return PFTLS_DNS_FAILED; }
    int read = res_nquery(state, name, ns_c_in, type, message, capacity);
    int status = PFTLS_DNS_ANSWER;
    if (read < 0) {
        if (state->res_h_errno == HOST_NOT_FOUND) status = PFTLS_DNS_NO_NAME;
        else if (state->res_h_errno == NO_DATA) status = PFTLS_DNS_NO_DATA;
        else status = PFTLS_DNS_FAILED;
    } else if (read > capacity) {
        /* res_nquery says how long the answer was, not how much of it fitted. */
        status = PFTLS_DNS_CUT;
    } else {
        *length = read;
    }
    res_nclose(state);
    free(state);
    return status;
}

int pftls_dns_records(const unsigned char *message, int length, int type,
                      pftls_dns_record *records, int capacity, int *count, int *authenticated) {
    *count = 0;
    *authenticated = 0;
    ns_msg parsed;
    if (ns_initparse(message, length, &parsed) != 0) return PFTLS_DNS_FAILED;
    *authenticated = ns_msg_getflag(parsed, ns_f_ad);
    if (ns_msg_getflag(parsed, ns_f_tc)) return PFTLS_DNS_CUT;
    int total = ns_msg_count(parsed, ns_s_an);
    for (int index = 0; index < total; index++) {
        ns_rr record;
        if (ns_parserr(&parsed, ns_s_an, index, &record) != 0) return PFTLS_DNS_FAILED;
        if (ns_rr_type(record) != type || ns_rr_class(record) != ns_c_in) continue;
        if (*count == capacity) return PFTLS_DNS_CUT;
        pftls_dns_record *out = &records[*count];
        out->ttl = ns_rr_ttl(record);
        out->offset = (int)(ns_rr_rdata(record) - message);
        out->length = ns_rr_rdlen(record);
        *count += 1;
    }
    return *count > 0 ? PFTLS_DNS_ANSWER : PFTLS_DNS_NO_DATA;
}

int pftls_dns_expand(const unsigned char *message, int length, int offset, char *name, int size) {
    if (offset < 0 || offset >= length) return -1;
    return dn_expand(message, message + length, message + offset, name, size) < 0 ? -1 : 0;
}
