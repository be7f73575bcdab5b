# Samples /proc every 0.2 s for the JVMs running SextantCli whose command line contains TAG, until STOPFILE exists;
# writes OUT.json: per JVM its first and last sighting (s), CPU seconds (user + system) in all and by thread kind
# (jit-c1, jit-c2, gc, main, warm-up, eval, pool, other), and a CPU-time series. Linux only.
#   python3 jvm-cpu.py TAG OUT.json STOPFILE
import os, sys, time, collections, json
tag, out, stopfile = sys.argv[1], sys.argv[2], sys.argv[3]
hz = os.sysconf('SC_CLK_TCK')
def kind(comm):
    c = comm
    if c.startswith('C2 Compiler'): return 'jit-c2'
    if c.startswith('C1 Compiler'): return 'jit-c1'
    if c.startswith('GC ') or c.startswith('G1 ') or 'GC' in c: return 'gc'
    if c.startswith('sextant-warm'): return 'warm-up'
    if c.startswith('sextant-eval'): return 'eval'
    if c == 'java' or c == 'main': return 'main'
    if c.startswith('ForkJoinPool') or c.startswith('sextant-opt') or c.startswith('pool-'): return 'pool'
    return 'other'
procs = {}   # pid -> {first, last, threads{tid:(kind,cpu)}, series}
t0 = time.time()
while not os.path.exists(stopfile):
    now = time.time() - t0
    for p in os.listdir('/proc'):
        if not p.isdigit(): continue
        try:
            cmd = open(f'/proc/{p}/cmdline', 'rb').read().replace(b'\0', b' ').decode()
        except OSError: continue
        if 'SextantCli' not in cmd or tag not in cmd: continue
        info = procs.setdefault(p, {'first': now, 'cmd': ' '.join(cmd.split()[-8:]), 'threads': {}, 'series': []})
        info['last'] = now
        tot = 0
        try:
            for tid in os.listdir(f'/proc/{p}/task'):
                try:
                    comm = open(f'/proc/{p}/task/{tid}/comm').read().strip()
                    f = open(f'/proc/{p}/task/{tid}/stat').read().rsplit(')', 1)[1].split()
                    cpu = (int(f[11]) + int(f[12])) / hz
                except OSError: continue
                info['threads'][tid] = (kind(comm), cpu, comm)
        except OSError: continue
        tot = sum(v[1] for v in info['threads'].values())
        info['series'].append((round(now, 2), round(tot, 2)))
    time.sleep(0.2)
res = {}
for p, info in procs.items():
    by = collections.Counter()
    for k, cpu, comm in info['threads'].values(): by[k] += cpu
    res[p] = {'cmd': info['cmd'], 'first': round(info['first'], 2), 'last': round(info['last'], 2),
              'cpu': round(sum(by.values()), 2), 'by_kind': {k: round(v, 2) for k, v in by.most_common()},
              'series': info['series'][::5]}
json.dump({'t0': t0, 'procs': res}, open(out, 'w'), indent=1)
