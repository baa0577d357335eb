-- wrk: PUT the same manifest body to the same tag (idempotent). Body file from $BENCH_MANIFEST.
local f = assert(io.open(os.getenv("BENCH_MANIFEST"), "rb"))
wrk.method = "PUT"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/vnd.oci.image.manifest.v1+json"
