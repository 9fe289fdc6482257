#!/usr/bin/python3
# -*- coding: utf-8 -*-
"""Ansible module around `pftls apply --answers - --json`.

Check mode runs `--dry-run` and reports whether anything would change; diff mode
returns the diffs pftls shows at review (key material never included); a second
run with the same answers reports ok. A refusal or a rollback fails the task with
pftls' own reason.
"""
import json

from ansible.module_utils.basic import AnsibleModule

DOCUMENTATION = r'''
module: pftls_apply
short_description: Install a TLS certificate into Postfix with pftls
options:
  answers: {description: The answers (the JSON pftls apply reads), type: dict, required: true}
  config_dir: {description: Postfix configuration directory, type: str, default: /etc/postfix}
  passphrase_file: {description: File with the key's passphrase, type: path}
  reload: {description: Reload Postfix and probe the listeners, type: bool, default: true}
  backup_dir: {description: Where backups go, type: path}
  executable: {description: The pftls binary, type: path, default: pftls}
'''


def main():
    module = AnsibleModule(
        argument_spec=dict(
            answers=dict(type='dict', required=True),
            config_dir=dict(type='str', default='/etc/postfix'),
            passphrase_file=dict(type='path', no_log=False),
            reload=dict(type='bool', default=True),
            backup_dir=dict(type='path'),
            executable=dict(type='path', default='pftls'),
        ),
        supports_check_mode=True,
    )
    params = module.params
    command = [module.get_bin_path(params['executable'], required=True), '--lang', 'en',
               'apply', '--answers', '-', '--json', '--config-dir', params['config_dir']]
    if params['passphrase_file']:
        command += ['--passphrase-file', params['passphrase_file']]
    if params['backup_dir']:
        command += ['--backup-dir', params['backup_dir']]
    if not params['reload']:
        command.append('--no-reload')
    if module.check_mode:
        command.append('--dry-run')
    rc, stdout, stderr = module.run_command(command, data=json.dumps(params['answers']), binary_data=True)
    try:
        result = json.loads(stdout)
    except ValueError:
        module.fail_json(msg='pftls did not answer with JSON: ' + (stderr or stdout).strip(), rc=rc)
    output = dict(changed=bool(result.get('changed')), steps=result.get('steps', []), findings=result.get('findings', []),
                  backup_directory=result.get('backupDirectory'), rollback_command=result.get('rollbackCommand'),
                  probes=result.get('probes', []), rc=rc)
    if module._diff and result.get('diffs'):
        output['diff'] = [dict(before_header=path, after_header=path, prepared=text)
                          for path, text in sorted(result['diffs'].items())]
    if rc != 0 or not result.get('ok', False):
        errors = [f"[{f['code']}] {f['message']}" for f in result.get('findings', []) if f.get('severity') == 'error']
        # A refused plan has both: the sentence that it stopped, and the errors that say why.
        reason = ' '.join(filter(None, [result.get('error'), '; '.join(errors)])) or (stderr.strip() or 'pftls failed')
        module.fail_json(msg=reason, **output)
    module.exit_json(**output)


if __name__ == '__main__':
    main()
