#!/usr/bin/env python3
"""`reads export` on the command line: check_cli.py READS FIXTURES_DIR.
Help on stdout with exit 0, misuse on stderr with exit 2, unreadable or bad
drafts with exit 3 and a message naming the file; '-' reads stdin; -o
replaces the output atomically and leaves the old file on failure."""
import os
import subprocess
import sys
import tempfile

reads, fixtures = sys.argv[1:3]
failures = 0


def run(*args, stdin=None):
    p = subprocess.run([reads, 'export', *args], input=stdin, capture_output=True, timeout=30)
    return p.returncode, p.stdout.decode('utf-8', 'replace'), p.stderr.decode('utf-8', 'replace')


def check(cond, what):
    global failures
    print(('ok' if cond else 'FAIL') + ' - ' + what)
    failures += not cond


good = os.path.join(fixtures, 'edited-2010-11.md')
code, out, err = run('--help')
check(code == 0 and out.startswith('Usage: reads export') and err == '', '--help: usage on stdout, exit 0')
code, out, err = run()
check(code == 2 and out == '' and 'which draft' in err, 'no FILE: exit 2 with a hint')
code, out, err = run(good, '--format', 'docx')
check(code == 2 and "unknown format 'docx'" in err, 'unknown format: exit 2')
code, out, err = run(good, '--bogus')
check(code == 2 and "--bogus" in err, 'unknown option: exit 2')
code, out, err = run(good, 'extra.md')
check(code == 2 and 'extra.md' in err, 'two files: exit 2')
code, out, err = run('/nonexistent/draft.md')
check(code == 3 and out == '' and '/nonexistent/draft.md' in err, 'missing file: exit 3 naming it')
with open(good, 'rb') as f:
    data = f.read()
code, out, err = run('-', stdin=data)
code2, out2, _ = run(good)
check(code == 0 and out == out2 and out.startswith('<p>'), "'-' reads standard input")
with tempfile.TemporaryDirectory() as tmp:
    dest = os.path.join(tmp, 'post.html')
    with open(dest, 'w') as f:
        f.write('old')
    bad = os.path.join(fixtures, 'bad-yaml.md')
    code, out, err = run(bad, '-o', dest)
    with open(dest) as f:
        check(code == 3 and f.read() == 'old', 'a failed export leaves -o OUT as it was')
    code, out, err = run(good, '--format', 'page', '-o', dest)
    with open(dest) as f:
        check(code == 0 and out == '' and f.read().startswith('<!DOCTYPE html>'), '-o OUT replaced')
    code, out, err = run(good, '-o', os.path.join(tmp, 'no', 'such', 'dir', 'x.html'))
    check(code == 3 and 'x.html' in err, 'unwritable -o: exit 3 naming it')
sys.exit(1 if failures else 0)
