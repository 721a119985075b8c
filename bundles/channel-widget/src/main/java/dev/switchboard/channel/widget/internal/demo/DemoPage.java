package dev.switchboard.channel.widget.internal.demo;

import dev.switchboard.channel.widget.internal.Texts;
import dev.switchboard.channel.widget.internal.console.Snippet;

/**
 * The demo landing page (issue 10): a plain, made-up shop with the widget's script tag, in English or Russian, that
 * tells a new user to write in the chat and answer from the console. The script is loaded from this same server
 * (the path beside {@code /demo}), so the page works at whichever address it was opened, and its address with UTM
 * tags is what the widget records as the visit.
 */
final class DemoPage {

    private DemoPage() {
    }

    /**
     * The page's HTML.
     *
     * @param root the server's path before {@code /demo} (empty at the root)
     * @param key  the demo connection's key
     */
    static String html(Texts texts, String root, String key) {
        String language = texts.locale().getLanguage();
        return """
                <!DOCTYPE html>
                <html lang="%s">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s</title>
                <style>
                  body { margin: 0; font-family: Georgia, 'Times New Roman', serif; color: #2b2a28;
                         background: #faf7f2; }
                  header { padding: 3rem 1.5rem 2rem; text-align: center; background: #e9e1d3; }
                  h1 { margin: 0 0 .5rem; font-size: 2.4rem; letter-spacing: .02em; }
                  header p { margin: 0; font-style: italic; }
                  main { max-width: 46rem; margin: 0 auto; padding: 2rem 1.5rem 6rem; }
                  .note { padding: 1rem 1.25rem; border-left: 4px solid #1f6feb; background: #fff;
                          font-family: system-ui, sans-serif; }
                  ul { list-style: none; padding: 0; display: grid; gap: 1rem;
                       grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr)); }
                  li { padding: 1.5rem 1rem; background: #fff; border: 1px solid #e2d9c8; border-radius: 6px;
                       text-align: center; }
                  footer { text-align: center; font-size: .85rem; color: #7a746a; padding: 1rem; }
                  a { color: #1f6feb; }
                </style>
                </head>
                <body>
                <header>
                  <h1>%s</h1>
                  <p>%s</p>
                </header>
                <main>
                  <p class="note" id="demo-note">%s <a href="%s/">%s</a></p>
                  <ul>
                    <li>%s</li>
                    <li>%s</li>
                    <li>%s</li>
                  </ul>
                </main>
                <footer>%s</footer>
                <script async src="%s/widget/widget.js" data-key="%s"></script>
                </body>
                </html>
                """.formatted(language, e(texts.text("demo.title")), e(texts.text("demo.heading")),
                e(texts.text("demo.tagline")), e(texts.text("demo.note")), e(root), e(texts.text("demo.console")),
                e(texts.text("demo.item1")), e(texts.text("demo.item2")), e(texts.text("demo.item3")),
                e(texts.text("demo.footer")), e(root), e(key));
    }

    private static String e(String text) {
        return Snippet.escape(text);
    }
}
