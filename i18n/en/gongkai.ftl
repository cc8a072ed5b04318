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
