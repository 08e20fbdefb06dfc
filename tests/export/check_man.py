#!/usr/bin/env python3
"""The man pages render without a groff warning: check_man.py PAGE...
(skipped, exit 77, when groff is not installed)."""
import os
import shutil
import subprocess
import sys

if not shutil.which('groff'):
    print('groff not installed: skipped')
    sys.exit(77)
bad = 0
for page in sys.argv[1:]:
    p = subprocess.run(['groff', '-man', '-Tutf8', '-ww', '-z', page], capture_output=True, timeout=30,
                       env={**os.environ, 'LC_ALL': 'C.UTF-8'})
    warnings = p.stderr.decode('utf-8', 'replace').strip()
    print(('ok' if p.returncode == 0 and not warnings else 'FAIL') + ' - ' + os.path.basename(page), warnings)
    bad += p.returncode != 0 or bool(warnings)
sys.exit(1 if bad else 0)
