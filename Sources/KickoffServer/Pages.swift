import Foundation
import KickoffKit

/// The web app's own pages: a frame around the book's files (the dashboard and the handouts are shown exactly as
/// written to `out/`, in an iframe, and stay script-free), with a small script that reloads when the book changes.
enum Pages {
    /// Escapes text for HTML.
    static func escape(_ text: String) -> String { HTMLText.escape(text) }

    /// The app's Content-Security-Policy: its own script (by nonce), frames and forms to itself, no other origin.
    static func policy(nonce: String) -> String {
        "default-src 'none'; script-src 'nonce-\(nonce)'; style-src 'unsafe-inline'; frame-src 'self'; connect-src 'self'; "
            + "img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    }

    /// A page of the app: navigation, the body, and the reload script (which polls `/version`).
    static func page(title: String, body: String, version: Int, nonce: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title)) · Kickoff</title>
        <link rel="icon" href="data:,">
        <style>
        body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #1f2328; background: #f6f7f9; }
        header { display: flex; gap: 1.2rem; align-items: baseline; padding: .7rem 1.2rem; background: #1f2937; color: #fff; flex-wrap: wrap; }
        header a { color: #dbeafe; text-decoration: none; } header a:hover { text-decoration: underline; }
        header strong { font-size: 1.05rem; }
        main { padding: 1rem 1.2rem 2rem; max-width: 78rem; margin: 0 auto; }
        h1 { font-size: 1.4rem; margin: .2rem 0 .8rem; }
        .error { background: #fff1f0; border: 1px solid #ffa39e; border-left: 4px solid #cf222e; padding: .8rem 1rem; border-radius: 6px; white-space: pre-wrap; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .9rem; }
        .note { color: #57606a; font-size: .92rem; }
        iframe { width: 100%; height: 80vh; border: 1px solid #d0d7de; border-radius: 6px; background: #fff; }
        table { border-collapse: collapse; width: 100%; background: #fff; }
        th, td { text-align: left; padding: .45rem .6rem; border-bottom: 1px solid #e6e8eb; vertical-align: top; }
        th { font-size: .85rem; color: #57606a; }
        tr.done td { color: #57606a; }
        button { font: inherit; padding: .25rem .7rem; border-radius: 6px; border: 1px solid #8c959f; background: #fff; cursor: pointer; }
        button.primary { background: #1a7f37; border-color: #1a7f37; color: #fff; }
        ul.accounts { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .4rem 1rem; }
        .badge { display: inline-block; font-size: .8rem; padding: 0 .4rem; border-radius: 4px; background: #cf222e; color: #fff; }
        pre.agenda { background: #fff; border: 1px solid #d0d7de; border-radius: 6px; padding: 1rem; overflow-x: auto; }
        section.mail { margin: 1.2rem 0; } section.mail iframe { height: 60vh; }
        @media (max-width: 40rem) { main { padding: .6rem; } iframe { height: 70vh; } }
        </style>
        </head>
        <body>
        <header><strong>Kickoff</strong><a href="/">Book</a><a href="/today">Today</a></header>
        <main>
        \(body)
        </main>
        <script nonce="\(nonce)">
        (function () {
          var seen = \(version);
          function check() {
            fetch("/version", { cache: "no-store" }).then(function (r) { return r.text(); }).then(function (v) {
              if (parseInt(v, 10) !== seen) { location.reload(); } else { setTimeout(check, 300); }
            }).catch(function () { setTimeout(check, 1000); });
          }
          setTimeout(check, 300);
        })();
        </script>
        </body>
        </html>

        """
    }

    /// The book: the dashboard as built, and every account (with the ones whose last edit did not build).
    static func book(accounts: [(slug: String, name: String, error: Bool)]) -> String {
        let list = accounts.map { account in
            "<li><a href=\"/accounts/\(escape(account.slug))\">\(escape(account.name))</a>"
                + (account.error ? " <span class=\"badge\">does not build</span>" : "") + "</li>"
        }.joined(separator: "\n")
        return """
        <h1>The book</h1>
        <ul class="accounts">
        \(list)
        </ul>
        <iframe src="/out/index.html" title="Dashboard"></iframe>
        """
    }

    /// An account: why it does not build (if so), its steps with a button to record each done, and its handout.
    static func account(slug: String, name: String, error: String?, plan: Plan?, recorded: [String: Day], token: String) -> String {
        var html = "<h1>\(escape(name))</h1>\n"
        html += "<p class=\"note\"><a href=\"/out/\(escape(slug))/plan.html\">Handout</a> · <a href=\"/accounts/\(escape(slug))/mail\">Mail due today</a> · "
            + "<a href=\"/accounts/\(escape(slug))/changes\">What changed</a></p>\n"
        if let error {
            html += "<p><strong>The profile as saved does not build</strong>; the handout below is the last one that did.</p>\n"
            html += "<div class=\"error\" role=\"alert\">\(escape(error))</div>\n"
        }
        if let plan {
            html += "<table>\n<tr><th>#</th><th>Step</th><th>Planned</th><th>Done</th><th></th></tr>\n"
            for (index, step) in plan.steps.enumerated() {
                let day = recorded[step.id] ?? (step.done ? step.end : nil)
                let action: String
                if recorded[step.id] != nil {
                    action = form(slug: slug, step: step.id, token: token, undo: true, label: "Undo")
                } else if step.done {
                    action = ""
                } else {
                    action = form(slug: slug, step: step.id, token: token, undo: false, label: "Mark done")
                }
                html += "<tr\(day != nil ? " class=\"done\"" : "")><td>\(index + 1)</td><td>\(escape(step.title))</td><td>\(step.start.iso)</td>"
                    + "<td>\(day.map { "✓ " + $0.iso } ?? "")</td><td>\(action)</td></tr>\n"
            }
            html += "</table>\n"
            html += "<p><iframe src=\"/out/\(escape(slug))/plan.html\" title=\"Handout\"></iframe></p>\n"
        } else {
            html += "<p>No plan is built for this account yet.</p>\n"
        }
        return html
    }

    private static func form(slug: String, step: String, token: String, undo: Bool, label: String) -> String {
        "<form method=\"post\" action=\"/accounts/\(escape(slug))/done\">"
            + "<input type=\"hidden\" name=\"step\" value=\"\(escape(step))\"><input type=\"hidden\" name=\"token\" value=\"\(escape(token))\">"
            + (undo ? "<input type=\"hidden\" name=\"undo\" value=\"1\">" : "")
            + "<button type=\"submit\"\(undo ? "" : " class=\"primary\"") data-step=\"\(escape(step))\">\(escape(label))</button></form>"
    }

    /// The messages due today for an account, each as mail clients would show it.
    static func mail(slug: String, name: String, previews: [Mailing.Preview], error: String?) -> String {
        var html = "<h1>Mail due today: \(escape(name))</h1>\n<p class=\"note\"><a href=\"/accounts/\(escape(slug))\">Back to the account</a> · "
            + "write them with <code>kickoff mail</code>, send with <code>kickoff send</code></p>\n"
        if let error { html += "<div class=\"error\" role=\"alert\">\(escape(error))</div>\n" }
        if previews.isEmpty, error == nil { html += "<p>No message is due today.</p>\n" }
        for preview in previews {
            html += "<section class=\"mail\"><h2>\(escape(preview.kind.rawValue)): \(escape(preview.subject))</h2>"
                + (preview.drafted ? "<p class=\"note\">A draft of it already waits in the outbox.</p>" : "")
                + "<iframe sandbox srcdoc=\"\(escape(preview.html))\" title=\"\(escape(preview.subject))\"></iframe></section>\n"
        }
        return html
    }

    /// What changed between the last two builds, in plain words.
    static func changes(slug: String, name: String, lines: [String]?) -> String {
        var html = "<h1>What changed: \(escape(name))</h1>\n<p class=\"note\"><a href=\"/accounts/\(escape(slug))\">Back to the account</a></p>\n"
        guard let lines else { return html + "<p>This is the first version of the plan.</p>\n" }
        if lines.isEmpty { return html + "<p>Nothing changed in the last build.</p>\n" }
        html += "<ul>\n" + lines.map { "<li>\(escape($0))</li>" }.joined(separator: "\n") + "\n</ul>\n"
        return html
    }

    /// A page that says what went wrong.
    static func problem(_ title: String, _ message: String) -> String {
        "<h1>\(escape(title))</h1>\n<div class=\"error\" role=\"alert\">\(escape(message))</div>\n<p><a href=\"/\">Back to the book</a></p>\n"
    }
}
