# Drives llama-server (run.sh) with a {id, prompt, max_tokens} workload: N workers, ignore_eos, greedy; prints wall seconds.
import json, sys, time, threading, urllib.request, queue
url, path, workers = sys.argv[1], sys.argv[2], int(sys.argv[3])
rows = [json.loads(l) for l in open(path)]
q = queue.Queue()
for r in rows: q.put(r)
done, gen, prompt_tokens, errors = [], [0], [0], []
lock = threading.Lock()
def work():
    while True:
        try: r = q.get_nowait()
        except queue.Empty: return
        body = json.dumps({"prompt": r["prompt"], "n_predict": r["max_tokens"], "ignore_eos": True, "cache_prompt": True,
                           "temperature": 0, "top_k": 1, "samplers": ["top_k"], "stream": False}).encode()
        req = urllib.request.Request(url + "/completion", body, {"Content-Type": "application/json"})
        try:
            out = json.loads(urllib.request.urlopen(req, timeout=3600).read())
            with lock:
                gen[0] += out.get("tokens_predicted", 0); prompt_tokens[0] += out.get("tokens_evaluated", 0); done.append(r["id"])
                if out.get("tokens_predicted") != r["max_tokens"]: errors.append((r["id"], out.get("tokens_predicted")))
        except Exception as e:
            with lock: errors.append((r["id"], str(e)))
t = time.time()
ts = [threading.Thread(target=work) for _ in range(workers)]
[x.start() for x in ts]; [x.join() for x in ts]
wall = time.time() - t
print(json.dumps({"workload": path, "workers": workers, "rows": len(done), "wall_s": round(wall, 2), "generated": gen[0],
                  "prompt_evaluated": prompt_tokens[0], "errors": errors[:5]}))
