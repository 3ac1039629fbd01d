"""Ralph's LRS server on its file backend, made to append: the LRS the e2e tests send to.

Why: Ralph 5.1's file LRS backend (ralph/backends/lrs/fs.py) writes every POST with the data
backend's default operation, CREATE (ralph/backends/data/fs.py: `default_operation_type =
BaseOperationType.CREATE`), which refuses an existing file, so the second batch of new statements
fails with HTTP 500 ("fs_lrs.jsonl already exists"). The same data backend supports APPEND
("creates or appends data to an existing record"), and Ralph itself still checks every POST's
ids against what the file holds (200 for new ids, nothing written again for known ones, 409 for
a known id with different content), so with APPEND as the default the file backend accepts any
number of batches and survives a restart (the file stays). Ralph's other backends need servers
this project cannot install from its registries (Elasticsearch, MongoDB; Debian 12's
clickhouse-server is 18.16, years older than Ralph's ClickHouse backend expects).

`ralph runserver` starts uvicorn with reload=True, in a child process a patch here would not
reach; this starts uvicorn in this process instead, with the same settings.

    tests/.venv-lrs/bin/python tests/lrs/ralph_append.py --data DIR --port 9161 [--host 127.0.0.1]

Environment as for `ralph runserver`: RALPH_APP_DIR (holding auth.json from `ralph auth`),
RALPH_RUNSERVER_CORS_ALLOW_ORIGINS for browser POSTs.
"""
import argparse
import os


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, help="directory of fs_lrs.jsonl")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    os.environ["RALPH_RUNSERVER_BACKEND"] = "fs"
    os.environ["RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH"] = os.path.abspath(args.data)
    os.makedirs(args.data, exist_ok=True)

    from ralph.backends.data.base import BaseOperationType
    from ralph.backends.data.fs import FSDataBackend

    FSDataBackend.default_operation_type = BaseOperationType.APPEND

    import uvicorn
    from ralph.api import app

    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
