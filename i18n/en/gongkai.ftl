# gongkai's messages in English (Project Fluent syntax, https://projectfluent.org).
# Every id here is also in ../zh-CN/gongkai.ftl, with the same variables;
# the code uses each with msg!("id", name = value) (see README, Development).
# Keep the ids grouped by the part of gongkai that says them.

## The command line (src/main.rs)

cli-about = Publish policy documents and public service directories as a static portal
cli-lang = The language of messages: zh-CN or en (default: GONGKAI_LANG, then LANG, then the site's language)
cli-init = Create a new site in DIR that builds at once
cli-build = Build the site into the output folder (public/ by default)
cli-check = Check everything a build checks, without writing
cli-serve = Build the site, serve it, and rebuild and reload pages when its files change
cli-search = Search the built site's index with the same ranking as its search page
cli-deploy = Publish the built site to an S3-compatible bucket, uploading only what changed, in an order that keeps links working, deleting last. Credentials come from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN
cli-syntax-css = Print the CSS for a syntect highlighting theme (for theme authors)
errors-found = error: { $count } { $count ->
        [one] problem
       *[other] problems
    } found; nothing was written
warning-line = warning: { $message }
error-line = error: { $message }
summary-built = built { $pages } pages, { $sections } sections, { $articles } policy articles and { $records } directory records ({ $files } files) in { $seconds } s
summary-checked = checked { $pages } pages, { $sections } sections, { $articles } policy articles and { $records } directory records ({ $files } files) in { $seconds } s
init-done = created a new site in { $dir }; build it with: gongkai build --root { $dir }
search-no-index = error: { $error } (build the site first: gongkai build)
search-bad-filter = error: --{ $flag }: { $error }
search-results = { $count } results
search-results-partial = ; partial matches
search-results-heads = { " " }among the best postings of frequent terms (--all for every match)
deploy-dry-run = dry run: would upload { $uploads }, delete { $deletes }, unchanged { $unchanged } ({ $bytes } bytes); nothing was changed
deploy-done = uploaded { $uploads }, deleted { $deletes }, unchanged { $unchanged } ({ $bytes } bytes) in { $seconds } s
deploy-changed-urls-many = { $count } changed URLs, more than a CDN refreshes by URL: { $file } names the directory { $directory } to refresh
deploy-changed-urls = { $count } changed URLs in { $file }

## Building (src/build/)

anchor-missing = link to an anchor that does not exist: `{ $link }`
anchor-missing-help = anchors are heading ids, or article ids such as #art_6 on a policy
search-index-temporary-failed = cannot write the search index: its temporary files failed: { $error }
owner-generated-file = a file gongkai generates
owner-not-found-page = the 404 page
owner-search-page = the search page
owner-list-page = page { $pager } of the list of { $file }
owner-directory-page = the directory page /{ $path }
cannot-make-file = cannot make { $file }: { $error }

## The dev server (src/serve/)

serve-needs-output = an incremental session needs an output folder
cannot-remove = cannot remove: { $error }
render-thread-failed = a render thread failed
cannot-read = cannot read: { $error }
cannot-write = cannot write: { $error }
cannot-open-root = cannot open the site root: { $error }
serve-cannot-make-folder = cannot make a folder to build into: { $error }
serve-cannot-make-serve-folder = cannot make the serve folder: { $error }
serve-cannot-start = cannot start the server: { $error }
serve-no-address = cannot read the server's address: { $error }
serve-no-watch = warning: { $error }; changes will not be rebuilt
serve-serving = serving { $url }
serve-every-interface = listening on every interface at port { $port }: anyone on the network can read the site
serve-stopped-error = the server stopped: { $error }
serve-stopping = stopping
serve-cannot-listen = cannot listen on { $ip }: { $reason }
serve-cannot-listen-ports = cannot listen on { $ip } at any port from { $first } to { $last }: { $reason }
serve-cannot-listen-help = choose another port with --port, or --port 0 to let the system choose
serve-no-ctrl-c = warning: cannot listen for Ctrl-C: { $error }
serve-changed-more = { $files } and { $more } more
serve-changed = changed: { $files }; rebuilding
serve-poisoned = an earlier rebuild failed unexpectedly; restart gongkai serve
serve-rebuilt =
    rebuilt { $tasks } render { $tasks ->
        [one] task
       *[other] tasks
    } incrementally ({ $files } { $files ->
        [one] file
       *[other] files
    } changed) in { $ms } ms
serve-still-last-good = still serving the last good build; fix the error to update it
serve-build-panicked = error: the build stopped unexpectedly: { $error }
serve-search-updated =
    search index updated ({ $files } { $files ->
        [one] file
       *[other] files
    } changed)
serve-search-panicked = error: the search index stopped unexpectedly: { $error }
serve-watch-warning = warning: watching the site: { $error }
serve-cannot-poll = cannot start polling the site: { $error }
serve-cannot-watch = cannot watch the site: { $error } (try `gongkai serve --poll`)
serve-cannot-watch-folder = cannot watch { $folder }: { $error }
serve-cannot-watch-folder-warning = warning: cannot watch { $folder }: { $error }
overlay-title = The site does not build; the last good version is shown.
overlay-help = help:
overlay-close = Close
