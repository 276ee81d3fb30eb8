import { expect, type Page, test } from "@playwright/test";

// The history timeline: the page, and the compact version the history section embeds.
const TIMELINE = "/timeline/";
const HISTORY = "/sections/theories-and-history/";
const DATES = ["1935", "1960s", "1970s", "1980s", "1990s"];

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

function boxesOf(page: Page, selector: string): Promise<Box[]> {
  return page.locator(selector).evaluateAll((nodes) =>
    nodes.map((node) => {
      const { x, y, width, height } = node.getBoundingClientRect();
      return { x, y, width, height };
    }),
  );
}

function centre(box: Box | undefined): number {
  return box ? box.x + box.width / 2 : Number.NaN;
}

async function datesOn(page: Page, scope: string) {
  return page
    .locator(`${scope} ol.timeline-events > li time`)
    .evaluateAll((times) =>
      times.map((time) => ({ text: time.textContent?.trim(), datetime: time.getAttribute("datetime") })),
    );
}

test.describe("the timeline page", () => {
  test("lists the five events in time order, each with a machine-readable date", async ({ page }) => {
    await page.goto(TIMELINE);
    const dates = await datesOn(page, ".timeline--full");
    expect(dates.map((date) => date.text)).toEqual(DATES);
    expect(dates.map((date) => date.datetime)).toEqual(["1935", "1960", "1970", "1980", "1990"]);
    // Each event is a heading of its own, named by its date and title.
    await expect(page.getByRole("heading", { level: 2 }).first()).toHaveAccessibleName(
      "1935 Alcoholics Anonymous is founded",
    );
    await expect(page.locator(".timeline--full ol.timeline-events > li h2")).toHaveCount(5);
  });

  test("links each event to its paragraph and its reference, and those places exist", async ({ page }) => {
    await page.goto(TIMELINE);
    const links = await page
      .locator(".timeline-meta a")
      .evaluateAll((anchors) => anchors.map((anchor) => (anchor as HTMLAnchorElement).getAttribute("href") ?? ""));
    expect(links.filter((href) => href.startsWith(HISTORY))).toHaveLength(5);
    expect(links).toContain("/references/#ref-borkman2020");
    for (const href of new Set(links)) {
      await page.goto(href);
      const id = decodeURIComponent(new URL(page.url()).hash.slice(1));
      await expect(page.locator(`[id="${id}"]`), href).toBeVisible();
    }
    await page.goto(TIMELINE);
    await page.locator(".timeline-meta a", { hasText: "Borkman et al., 2020" }).click();
    await expect(page).toHaveURL(/\/references\/#ref-borkman2020$/);
  });

  test("keeps the drawing away from assistive technology and lets the list speak", async ({ page }) => {
    await page.goto(TIMELINE);
    for (const decoration of await page.locator(".timeline svg, .timeline-marker, .timeline-legend").all()) {
      await expect(decoration).toHaveAttribute("aria-hidden", "true");
    }
    // No image, no legend, no drawing: only the list, its headings, text and links.
    await expect(page.locator(".timeline--full")).toMatchAriaSnapshot(`
      - list:
        - listitem:
          - heading "1935 Alcoholics Anonymous is founded" [level=2]
          - paragraph: /hopeless alcoholics/
          - term: "In the report:"
          - definition:
            - link "Self-Help Groups Theories and History, paragraph 1"
          - term: "Source:"
          - definition:
            - link "Borkman et al., 2020"
        - listitem:
          - heading "1960s Civil rights and power-to-the-people movements" [level=2]
        - listitem:
          - heading "1970s From mass movements to small groups" [level=2]
        - listitem:
          - heading "1980s Self-help clearinghouses" [level=2]
        - listitem:
          - heading "1990s International and online groups" [level=2]
    `);
    await expect(page.locator(".timeline--full").getByRole("img")).toHaveCount(0);
  });

  test("at 1280 px stands the events in one row under an axis drawn to scale", async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(TIMELINE);
    await expect(page.locator(".timeline-axis--full")).toBeVisible();
    const cards = await boxesOf(page, ".timeline--full .timeline-event");
    expect(cards).toHaveLength(5);
    for (let index = 1; index < cards.length; index++) {
      expect(cards[index]?.y).toBeCloseTo(cards[0]?.y ?? 0, 0);
      expect(cards[index]?.x).toBeGreaterThan((cards[index - 1]?.x ?? 0) + (cards[index - 1]?.width ?? 0) - 1);
    }
    // Cards wide enough to read, and the page no wider than the window.
    expect(Math.min(...cards.map((card) => card.width))).toBeGreaterThan(180);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);

    // A year is a point, a decade a band; 1935 to 1960 is two and a half decades wide.
    const [point] = await boxesOf(page, ".timeline-axis--full .timeline-point");
    const bands = await boxesOf(page, ".timeline-axis--full .timeline-band");
    expect(bands).toHaveLength(4);
    const decade = bands[0]?.width ?? 0;
    expect(decade).toBeGreaterThan(100);
    for (const band of bands) expect(band.width).toBeCloseTo(decade, 0);
    expect((bands[0]?.x ?? 0) - centre(point)).toBeCloseTo(2.5 * decade, -1);
    for (let index = 1; index < bands.length; index++) {
      expect(bands[index]?.x).toBeCloseTo((bands[index - 1]?.x ?? 0) + decade, 0);
    }

    // Each leader ends above the middle of its card.
    const ends = await boxesOf(page, ".timeline-axis--full .timeline-card-ends circle");
    ends.forEach((end, index) => {
      expect(centre(end)).toBeCloseTo(centre(cards[index]), -1);
    });
  });

  test("at 320 px lists the events down the page, with room for the 25-year gap", async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 800 });
    await page.goto(TIMELINE);
    await expect(page.locator(".timeline-axis--full")).toBeHidden();
    const cards = await boxesOf(page, ".timeline--full .timeline-event");
    for (let index = 1; index < cards.length; index++) {
      expect(cards[index]?.y).toBeGreaterThanOrEqual((cards[index - 1]?.y ?? 0) + (cards[index - 1]?.height ?? 0) - 1);
      expect(cards[index]?.x).toBeCloseTo(cards[0]?.x ?? 0, 0);
    }
    const gaps = page.locator(".timeline--full .timeline-gap");
    await expect(gaps).toHaveCount(1);
    await expect(gaps.first()).toBeVisible();
    await expect(gaps.first()).toContainText("25 years");
    expect((await gaps.first().boundingBox())?.height).toBeGreaterThanOrEqual(32);
    // The markers tell a year (a ring) from a decade (a band running the length of its event).
    const [ring] = await boxesOf(page, ".timeline-event--year .timeline-marker");
    const [band] = await boxesOf(page, ".timeline-event--decade .timeline-marker");
    expect(ring?.height).toBeCloseTo(ring?.width ?? 0, 0);
    expect(band?.height).toBeGreaterThan(3 * (band?.width ?? 0));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  });

  test("applies no inline style, so the Content Security Policy blocks nothing", async ({ page }) => {
    const refused: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
    });
    for (const pagePath of [TIMELINE, HISTORY]) {
      await page.goto(pagePath);
      await expect(page.locator(".timeline [style]")).toHaveCount(0);
    }
    expect(refused).toEqual([]);
  });

  test("prints as a whole vertical list, markers in black that survive without background graphics", async ({
    page,
  }) => {
    await page.emulateMedia({ media: "print" });
    await page.setViewportSize({ width: 620, height: 1000 });
    await page.goto(TIMELINE);
    await expect(page.locator(".timeline-axis--full")).toBeHidden();
    const styles = await page.locator(".timeline--full .timeline-event").evaluateAll((events) =>
      events.map((event) => {
        const body = event.querySelector(".timeline-event-body");
        const marker = event.querySelector(".timeline-marker");
        return {
          breakInside: body ? getComputedStyle(body).breakInside : "",
          border: marker ? getComputedStyle(marker).borderTopColor : "",
          borderWidth: marker ? Number.parseFloat(getComputedStyle(marker).borderTopWidth) : 0,
        };
      }),
    );
    for (const style of styles) {
      expect(style).toMatchObject({ breakInside: "avoid", border: "rgb(0, 0, 0)" });
      expect(style.borderWidth).toBeGreaterThan(2);
    }
  });

  test("keeps light and dark screenshots for review", async ({ page }, testInfo) => {
    for (const width of [1280, 320]) {
      for (const colorScheme of ["light", "dark"] as const) {
        await page.setViewportSize({ width, height: 900 });
        await page.emulateMedia({ colorScheme });
        await page.goto(TIMELINE);
        const name = `timeline-${width}-${colorScheme}.png`;
        const file = testInfo.outputPath(name);
        await page.screenshot({ path: file, fullPage: true });
        await testInfo.attach(name, { path: file, contentType: "image/png" });
      }
    }
    await page.emulateMedia({ media: "print", colorScheme: "light" });
    const pdf = testInfo.outputPath("timeline-print.pdf");
    await page.pdf({ path: pdf, preferCSSPageSize: true });
    await testInfo.attach("timeline-print.pdf", { path: pdf, contentType: "application/pdf" });
  });
});

test.describe("the timeline in the history section", () => {
  test("shows the same five events in order, each linking to its entry on the timeline page", async ({ page }) => {
    await page.goto(HISTORY);
    const compact = page.locator(".timeline--compact");
    await expect(compact).toHaveCount(1);
    expect((await datesOn(page, ".timeline--compact")).map((date) => date.text)).toEqual(DATES);
    await expect(compact.getByRole("link", { name: "full timeline" })).toHaveAttribute("href", TIMELINE);
    const hrefs = await compact
      .locator("ol a")
      .evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute("href") ?? ""));
    expect(hrefs).toHaveLength(5);
    await compact.locator("ol a").nth(1).click();
    await expect(page).toHaveURL(new RegExp(`${TIMELINE}#event-1960s-`));
    await expect(page.locator(":target")).toContainText("1960s");
    for (const href of hrefs) expect(await page.locator(`[id="${href.split("#")[1]}"]`).count(), href).toBe(1);
  });

  test("is short: one row at 1280 px, a short list at 320 px", async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(HISTORY);
    const wide = await boxesOf(page, ".timeline--compact .timeline-event");
    expect(new Set(wide.map((box) => Math.round(box.y))).size).toBe(1);
    expect((await page.locator(".timeline--compact").boundingBox())?.height).toBeLessThan(360);

    await page.setViewportSize({ width: 320, height: 800 });
    await page.goto(HISTORY);
    await expect(page.locator(".timeline-axis--compact")).toBeHidden();
    const narrow = await boxesOf(page, ".timeline--compact .timeline-event");
    for (let index = 1; index < narrow.length; index++) {
      expect(narrow[index]?.y).toBeGreaterThan(narrow[index - 1]?.y ?? 0);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  });
});
