#!/usr/bin/env python3
"""Writes pftls(8) from the same source as --help: the JSON that
`pftls --experimental-dump-help` prints (swift-argument-parser), plus the finding
codes from Sources/PftlsCore (FindingCode definitions) and the answers file keys.

Usage: manpage.py PFTLS-BINARY VERSION > pftls.8
"""
import json, re, subprocess, sys, os, glob, datetime

binary, version = sys.argv[1], sys.argv[2]
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
env = dict(os.environ, LC_ALL='C.UTF-8', LANGUAGE='')
dump = json.loads(subprocess.run([binary, '--experimental-dump-help'], capture_output=True, text=True, env=env, check=True).stdout)

def esc(text):
    text = text.replace('\\', '\\e').replace('-', '\\-')
    return '\n'.join(('\\&' + line) if line.startswith(('.', "'")) else line for line in text.split('\n'))

def names(argument):
    out = []
    for name in argument.get('names', []):
        out.append(('-' if name['kind'] == 'short' else '--') + name['name'])
    return ', '.join(out)

out = []
date = datetime.date.today().isoformat()
out.append(f'.TH PFTLS 8 "{date}" "pftls {version}" "System Administration"')
out.append('.SH NAME')
out.append('pftls \\- install a TLS certificate into Postfix, checked at every step')
out.append('.SH SYNOPSIS')
out.append('.B pftls')
out.append('[\\fB\\-\\-lang\\fR \\fIen\\fR|\\fIja\\fR] [\\fICOMMAND\\fR] [\\fIOPTIONS\\fR]')
out.append('.SH DESCRIPTION')
out.append(esc(dump['command']['abstract']))
out.append('Without a command, pftls runs the wizard.')
out.append('.SH COMMANDS')
for command in dump['command']['subcommands']:
    if command['commandName'] == 'help':
        continue
    out.append('.SS "pftls ' + command['commandName'] + '"')
    out.append(esc(command.get('abstract', '')))
    if command.get('discussion'):
        out.append('.PP')
        out.append(esc(command['discussion']))
    for argument in command.get('arguments', []):
        if not argument.get('shouldDisplay', True) or argument.get('valueName') in ('help', 'version'):
            continue
        label = names(argument) or argument.get('valueName', '')
        if argument['kind'] == 'option':
            label += ' ' + argument.get('valueName', 'VALUE')
        elif argument['kind'] == 'positional':
            label = argument.get('valueName', 'ARG') + ('...' if argument.get('isRepeating') else '')
        out.append('.TP')
        out.append('.B ' + esc(label))
        text = argument.get('abstract', '')
        if 'defaultValue' in argument:
            text += f' (default: {argument["defaultValue"]})'
        out.append(esc(text))
out.append('.SH GLOBAL OPTIONS')
out.append('.TP\n.B \\-\\-lang en|ja\nThe language of every message; overrides the environment (see ENVIRONMENT).')
out.append('.TP\n.B \\-\\-version\nPrint the version and exit.')
out.append('.TP\n.B \\-h, \\-\\-help\nShow help for the command.')
out.append('.SH EXIT STATUS')
out.append('.TP\n.B 0\nDone, or nothing to change; no finding is an error.')
out.append('.TP\n.B 1\nRefused (a finding is an error), or rolled back after a failed check, reload or probe; nothing is left half-done.')
out.append('.TP\n.B 2\nUsage error (an unknown option, a bad answers file, an unknown name for explain).')
out.append('.TP\n.B 128+N\nInterrupted by signal N during apply or renew (130 Ctrl\\-C, 143 SIGTERM, 129 hang-up): rolled back, or stopped before any write. The wizard exits 130 when choices made are abandoned.')
out.append('.TP\n.B "check \\-\\-format nagios"\n0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.')
out.append('.SH ANSWERS FILE')
out.append('JSON, read by \\fBpftls apply \\-\\-answers\\fR \\fIFILE\\fR; unknown keys and bad values are refused with a message that names the key. Example:')
out.append('.PP\n.nf')
out.append(esc(open(os.path.join(root, 'Resources/answers.example.json')).read().rstrip()))
out.append('.fi')
out.append('.SH FINDING CODES')
out.append('Every finding has a stable code; scripts compare codes, never messages (which follow the language).')
codes = []
for path in sorted(glob.glob(os.path.join(root, 'Sources/PftlsCore/**/*.swift'), recursive=True)):
    for match in re.finditer(r'static let \w+: FindingCode = "([a-z0-9-]+)"', open(path).read()):
        codes.append(match.group(1))
out.append('.PP')
out.append(esc(', '.join(sorted(set(codes)))) + '.')
out.append('Run \\fBpftls explain\\fR for the Postfix parameters behind them.')
out.append('.SH ENVIRONMENT')
out.append('.TP\n.B LC_ALL, LC_MESSAGES, LANG, LANGUAGE\nChoose English or Japanese as gettext does: ja* gives Japanese, C gives English; the locale need not be installed.')
out.append('.TP\n.B RENEWED_LINEAGE\nSet by certbot; \\fBpftls renew\\fR without \\-\\-cert reads privkey.pem and fullchain.pem from it.')
out.append('.TP\n.B NO_COLOR\nThe wizard draws without colour.')
out.append('.TP\n.B PFTLS_RESOLVER\nThe DNS resolver the MX\\-name and DANE checks ask, as \\fB\\-\\-resolver\\fR takes it: ADDR[:PORT] (IPv4), ::1 or [ADDR]:PORT (IPv6), or none.')
out.append('.TP\n.B PFTLS_STATE_DIR\nThe deploy ledger\\(aqs directory, as \\fB\\-\\-state\\-dir\\fR (default /var/lib/pftls); the wizard reads it too.')
out.append('.TP\n.B PFTLS_CERTBOT_DIR\ncertbot\\(aqs configuration directory, as \\fB\\-\\-certbot\\-dir\\fR (default /etc/letsencrypt).')
out.append('.SH FILES')
out.append('.TP\n.I /etc/default/pftls\nSettings of the check timer (PFTLS_CHECK_MAIL, PFTLS_CHECK_MAIL_TO, PFTLS_CHECK_MAIL_TIMEOUT, PFTLS_CHECK_ARGS, PFTLS_METRICS_FILE) and the certbot hook (PFTLS_CERTBOT_HOOK, PFTLS_CERTBOT_LINEAGE, PFTLS_RENEW_ARGS); PFTLS_STATE_DIR, PFTLS_CERTBOT_DIR and PFTLS_RESOLVER reach both.')
out.append('.TP\n.I /var/lib/pftls/ledger.jsonl\nThe deploy ledger: one JSON line per apply, renew and wizard run (directory 0700, file 0600); \\fBpftls check\\fR reads it for renewal\\-not\\-deployed.')
out.append('.TP\n.I pftls\\-check.timer, pftls\\-check.service\nDaily \\fBpftls check\\fR; mails postmaster on a warning or worse and fails the unit. Enable with \\fBsystemctl enable \\-\\-now pftls\\-check.timer\\fR.')
out.append('.TP\n.I /etc/letsencrypt/renewal\\-hooks/deploy/pftls\ncertbot deploy hook running \\fBpftls renew\\fR; does nothing until PFTLS_CERTBOT_HOOK=yes.')
out.append('.TP\n.I CONFIG\\-DIR/pftls\\-backups/STAMP/restore.sh\nPuts back every file a change replaced, with its mode and owner. The last 10 sets in each backup directory stay (or \\fB\\-\\-keep\\-backups\\fR \\fIN\\fR); older ones are removed once a change has succeeded, never after a refused, failed or rolled\\-back one.')
out.append('.TP\n.I CERT\\-DIR/.pftls\\-backups/STAMP/\nCopies (0600) of the key files a change replaced, for restore.sh. The last 3 sets in each certificate directory stay (or \\fB\\-\\-keep\\-backups\\fR \\fIN\\fR). An older restore.sh whose copies are gone changes nothing and says so.')
out.append('.SH SEE ALSO')
out.append('.BR postconf (5),')
out.append('.BR master (5),')
out.append('.BR postfix (1),')
out.append('.BR postfix\\-tls (1)')
print('\n'.join(out))
