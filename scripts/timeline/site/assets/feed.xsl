<?xml version="1.0" encoding="UTF-8"?>
<!-- Shows an Atom feed as a page when a browser opens it; feed readers ignore this. Plain
     XSLT 1.0, no script: every browser that runs XSLT shows the same page. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:atom="http://www.w3.org/2005/Atom"
    exclude-result-prefixes="atom">
  <xsl:output method="html" encoding="UTF-8" indent="yes"
      doctype-system="about:legacy-compat"/>
  <xsl:template match="/atom:feed">
    <html lang="en">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="atom:title"/> (feed)</title>
        <style>
          :root { color-scheme: light dark; }
          body { font: 1rem/1.5 system-ui, sans-serif; max-width: 42rem; margin: 0 auto;
                 padding: 1rem; background: #fff; color: #1f1f1f; }
          .about { padding: .75rem 1rem; border-left: .25rem solid #3f51b5;
                   background: #eceef8; }
          code { word-break: break-all; }
          ol { list-style: none; padding: 0; }
          li { margin: 1.25rem 0; }
          h2 { font-size: 1.1rem; margin: 0; }
          .when { font-size: .875rem; margin: .1rem 0; color: #555; }
          a { color: #303f9f; }
          @media (prefers-color-scheme: dark) {
            body { background: #1e2129; color: #e3e3e3; }
            .about { background: #2a2f45; }
            .when { color: #b5b5b5; }
            a { color: #a9b4f0; }
          }
        </style>
      </head>
      <body>
        <main>
          <h1><xsl:value-of select="atom:title"/></h1>
          <p><xsl:value-of select="atom:subtitle"/></p>
          <p class="about">This is a feed. To follow it, copy its address into a feed reader:
            <code><xsl:value-of select="atom:link[@rel='self']/@href"/></code>.
            <a href="{atom:link[@rel='alternate']/@href}">Back to the site</a>.</p>
          <ol>
            <xsl:for-each select="atom:entry">
              <li>
                <h2><a href="{atom:link[not(@rel) or @rel='alternate']/@href}"><xsl:value-of select="atom:title"/></a></h2>
                <p class="when"><xsl:value-of select="substring(atom:published, 1, 10)"/>
                  <xsl:if test="substring(atom:updated, 1, 10) != substring(atom:published, 1, 10)">
                    · updated <xsl:value-of select="substring(atom:updated, 1, 10)"/></xsl:if></p>
                <p><xsl:value-of select="atom:summary"/></p>
              </li>
            </xsl:for-each>
          </ol>
          <xsl:if test="atom:rights">
            <p><small><xsl:value-of select="atom:rights"/></small></p>
          </xsl:if>
        </main>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
