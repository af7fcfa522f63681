// Types for the type check of the extension's JavaScript (tsconfig.json);
// never shipped (the build leaves every .d.ts out).
//
// The protocol's shapes come from the core: wasm-bindgen writes them into
// target/core/innoslate_key_assistant.d.ts from src/wasm_api/protocol_types.rs.
// Content scripts are classic scripts that share one isolated world and
// reach each other through the globals declared at the end.

/** `T` with each core message (extension/shared/words.js) turned into its words. */
type InWords<T> = T extends import("./core/innoslate_key_assistant.js").Message
  ? string
  : T extends readonly (infer U)[]
    ? InWords<U>[]
    : T extends object
      ? { [K in keyof T]: InWords<T[K]> }
      : T;

/** The protocol's shapes, for JSDoc in scripts that cannot import. */
declare namespace Core {
  type Request = import("./core/innoslate_key_assistant.js").Request;
  type UnversionedRequest = import("./core/innoslate_key_assistant.js").UnversionedRequest;
  /** A reply as the core writes it: the callout's texts as message ids. */
  type CoreReply = import("./core/innoslate_key_assistant.js").Reply;
  /** A reply as the background hands it on: the callout's texts in words; a key taken or refused also in one line for the callout (`status`). */
  type Reply = InWords<CoreReply> & { status?: string };
  /** A guide reply as the background hands it on; a tab's first callout also brings the shortcut tip. */
  type GuideReply = InWords<import("./core/innoslate_key_assistant.js").GuideReply> & { tip?: string };
  type Said = import("./core/innoslate_key_assistant.js").MessageId | import("./core/innoslate_key_assistant.js").Message;
  type ErrorReply = import("./core/innoslate_key_assistant.js").ErrorReply;
  type PageReport = import("./core/innoslate_key_assistant.js").PageReport;
  type ElementFact = import("./core/innoslate_key_assistant.js").ElementFact;
  type DialogFact = import("./core/innoslate_key_assistant.js").DialogFact;
  type Overlay = InWords<import("./core/innoslate_key_assistant.js").Overlay>;
  type Locator = import("./core/innoslate_key_assistant.js").Locator;
  type Capture = import("./core/innoslate_key_assistant.js").Capture;
  type FillPlan = import("./core/innoslate_key_assistant.js").FillPlan;
  type FillChoice = import("./core/innoslate_key_assistant.js").FillChoice;
  type TextMode = import("./core/innoslate_key_assistant.js").TextMode;
  /** A key check as content scripts and the popup receive it: its messages in words. */
  type KeyReport = InWords<import("./core/innoslate_key_assistant.js").KeyReport>;
  type KeyKind = import("./core/innoslate_key_assistant.js").KeyKind;
  type Verdict = import("./core/innoslate_key_assistant.js").Verdict;
  type GuideAction = import("./core/innoslate_key_assistant.js").GuideAction;
  type SenderFacts = import("./core/innoslate_key_assistant.js").SenderFacts;
  type Context = import("./core/innoslate_key_assistant.js").Context;
  type TabProgress = import("./core/innoslate_key_assistant.js").TabProgress;
  type Effect = import("./core/innoslate_key_assistant.js").Effect;
  type VaultRecord = import("./core/innoslate_key_assistant.js").VaultRecord;
  type HandleResult = import("./core/innoslate_key_assistant.js").HandleResult;
  type Probe = import("./core/innoslate_key_assistant.js").Probe;
  type WireResult = import("./core/innoslate_key_assistant.js").WireResult;
  type ApiBody = import("./core/innoslate_key_assistant.js").ApiBody;
  type LiveReport = import("./core/innoslate_key_assistant.js").LiveReport;
  type LiveVerdict = import("./core/innoslate_key_assistant.js").LiveVerdict;
  type LineState = import("./core/innoslate_key_assistant.js").LineState;
  type KeyRecord = import("./core/innoslate_key_assistant.js").KeyRecord;
  type Replacing = import("./core/innoslate_key_assistant.js").Replacing;
  type Purpose = import("./core/innoslate_key_assistant.js").Purpose;
  type Reminder = import("./core/innoslate_key_assistant.js").Reminder;
}

// ---- page-facts.js ----

/** What page-facts.js says about one element, before the report numbers it. */
type ElementDescription = Omit<Core.ElementFact, "id" | "dialog">;

/** Form-control properties page-facts.js reads, on any element that has them. */
type FormControlLike = HTMLElement &
  Partial<Pick<HTMLInputElement, "type" | "value" | "checked" | "indeterminate" | "disabled" | "readOnly" | "multiple">> & {
    labels?: NodeListOf<HTMLLabelElement> | null;
    selectedIndex?: number;
  };

interface IkaPageFacts {
  /** The page report and the elements it numbers (id = index). */
  collect(): { report: Core.PageReport; nodes: Element[] };
  /** One element's facts, or null when the admin cannot see it; its section only `withSection` (the default). */
  describe(el: Element, withSection?: boolean): ElementDescription | null;
  /** Whether `el` may be a step's control (inside a dialog or outside, as the core's rule says). */
  inReach(el: Element, inDialog: boolean): boolean;
  /** The id page reports give `el`'s form (null outside a form). */
  formOf(el: Element): number | null;
  /** Selector of the elements a report lists. */
  readonly INTERACTIVE: string;
  /** Selector of the dialogs a report lists. */
  readonly DIALOGS: string;
  /** Selector of the elements whose coming, going or renaming can change a report (page-changes.js). */
  readonly NAMING: string;
}

// ---- overlay-view.js ----

/** A callout button. */
interface OverlayAction {
  label: string;
  kind: "primary" | "secondary" | "quiet";
  /** Security-relevant (capture, fill, pick, live test): runs only on a click click-guard.js accepts. */
  guarded?: boolean;
  run(event: MouseEvent): void;
}

/** What the callout shows. */
interface OverlayView {
  decision: Core.Overlay;
  /** The element to point at, or null for a callout without spotlight. */
  node: Element | null;
  /** The other controls the instruction names, which the callout must not cover. */
  keepClear?: Element[];
  actions: OverlayAction[];
  status: string;
  /** The shortcut tip, with the step it came with ('' otherwise). */
  hint: string;
}

// ---- click-guard.js ----

/** IntersectionObserver v2 (Chromium only), which TypeScript's DOM types lack. */
interface IntersectionObserverInit {
  trackVisibility?: boolean;
  delay?: number;
}
interface IntersectionObserverEntry {
  /** Unobstructed and without visual effects; absent where v2 is unsupported. */
  readonly isVisible?: boolean;
}

interface IkaClickGuard {
  /** The page's open modal dialogs. */
  modals(): Element[];
  /** Keeps the callout's host intact and judges clicks on its buttons, for the lifetime `signal`. */
  guardHost(
    dom: { host: HTMLElement; layer: HTMLElement; callout: HTMLElement },
    signal: AbortSignal,
    moved: () => void,
  ): {
    /** Restarts the settle clock. */
    settle(): void;
    /** Rises above the page's top layer again. */
    raise(): void;
    /** Repairs the host if the page changed it (the first show puts it in place); whether it did, which also raised it. */
    check(): boolean;
    /** Why a click on `button` does not count now, or ''. */
    refusal(event: Event, button: Element): string;
    /** The callout was shown without moving (it was staged): asks the browser afresh whether it is seen. */
    look(): void;
  };
  /** The one isTrusted rule: only the browser can say a person made the event. */
  trusted(event: Event | null | undefined): boolean;
  /** Whether what appeared or moved at `since` (performance.now()) has stood still long enough to press. */
  settled(since: number): boolean;
  /** The one hit test: whether a click at (x, y) reaches `node` (inside our closed root, through its host). */
  onTop(node: Element, x: number, y: number): boolean;
}

// ---- overlay-placement.js ----

/** A box in viewport coordinates, as getBoundingClientRect gives it. */
interface PlacementBox {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Where the callout sits relative to its target. */
type CalloutSide = "below" | "above" | "right" | "left";

/** A place for the callout. */
interface CalloutSpot {
  left: number;
  top: number;
  /** The height it is cut to (it scrolls), or null for its own height. */
  height: number | null;
  /** Beside the target on this side, or null (beside its dialog, in a corner). */
  side: CalloutSide | null;
  /** Where the arrow's tip goes, on the spotlight's ring; null without a side. */
  arrow: { x: number; y: number } | null;
}

interface IkaOverlay {
  /** Starts the overlay's lifecycle if it is not running, then draws `view`; staged: on the page but invisible until the next show without `stage`. */
  show(view: OverlayView, stage?: boolean): void;
  /** Stops everything the overlay runs and takes its host out of the page. */
  clear(): void;
  /** Clears the overlay and leaves only a small "Show guide" control on the page, which calls `resume`. */
  park(resume: () => void): void;
  /** The keyboard shortcut: focus into the callout (shown again if hidden) or back to the page; false when none is up. */
  toggleFocus(): boolean;
  queuePlace(): void;
}

interface IkaPlacement {
  /**
   * Where the callout goes for a target box (null: no target): clear of the
   * target always and of `obstacles` where it can be, covering least of the
   * target's dialog (`around`); never squeezed below `callout.least`
   * (heading and buttons) unless nothing else leaves the target clear; pure.
   */
  calloutPosition(
    target: PlacementBox | null,
    callout: { width: number; height: number; least?: number },
    viewport: { width: number; height: number },
    around?: PlacementBox | null,
    obstacles?: PlacementBox[],
  ): CalloutSpot;
  /** Places the overlay and follows its target for the lifetime `signal`; `moved()` after the callout moved. */
  follow(
    dom: { host: HTMLElement; spotlight: HTMLElement; arrow: HTMLElement; callout: HTMLElement; texts: HTMLElement[] },
    signal: AbortSignal,
    moved: () => void,
  ): {
    /** Points at `node` (null: no target), keeping `others` clear. */
    point(node: Element | null, others: Element[]): void;
    target(): Element | null;
    /** Places again at the next frame. */
    queue(): void;
    /** Places now. */
    now(): void;
  };
}

// ---- key-handoff.js ----

/** How a fill went, in words for the callout when it did not. */
type FillResult = { ok: true; filled: number } | { ok: false; message: string };

/**
 * The overlay shown (null: none), the report's elements it refers to, and
 * the element pointed at (set with every overlay).
 */
type ShownGuide =
  | { decision: null; nodes: Element[]; node?: Element | null; href?: string }
  | { decision: Core.Overlay; nodes: Element[]; node: Element | null; href?: string };

/** What the key buttons need from guide-adapter.js. */
interface KeyPage {
  current(): ShownGuide;
  /** Shows `text` in the callout's status line. */
  showStatus(text: string, extra?: { confirm?: boolean }): void;
  /** Reports the page again. */
  refresh(): void;
  /** Draws the callout again (its buttons asked anew). */
  redraw(): void;
}

/** A site's key buttons: key-capture.js (OpenAI's pages) or fill-offer.js (Innoslate's), one per bundle. */
interface IkaKeyButtons {
  /** The guarded buttons for what the decision offers (`confirming`: the core asked to confirm a doubtful key). */
  actions(decision: Core.Overlay, confirming: boolean): OverlayAction[];
  /** Ends a pick in progress: nothing is filled, nothing said. */
  stop?(): void;
  /** The page changed: an offer whose field left is withdrawn. */
  onPageChange?(): void;
}
type IkaKeyButtonsFor = (session: AbortSignal, page: KeyPage) => IkaKeyButtons;

// ---- key-fill.js and field-pick.js (injected only where the core offers a key) ----

/** What the Fill and Test buttons need: the page, and how to withdraw the offer. */
interface FillPage extends KeyPage {
  /** The offer is void (the page navigated or its field left): the callout drops its Fill buttons. */
  withdraw(): void;
  /** click-guard.js's rules, for the field the admin picks. */
  guard: IkaClickGuard;
  /** page-facts.js's id of an element's form (null outside a form). */
  formOf(el: Element): number | null;
}

/** The Fill and Test buttons of a page the core offers a key to, run only on clicks click-guard.js accepted. */
interface IkaKeyFill {
  /** The buttons for the decision's fill choices, "Fill a field I pick" and "Test with OpenAI". */
  actions(decision: Core.Overlay): OverlayAction[];
  /** Ends a pick in progress: nothing is filled, nothing said. */
  stop(): void;
  /** The page changed: withdraws the offer if a field it names has left. */
  onPageChange(): void;
}

/** For the lifetime `signal`, calls `picked` at the next trusted click: with the field, if the admin picked one that stood still, else null. */
type IkaFieldPick = (guard: IkaClickGuard) => (
  selector: string,
  usable: (el: unknown) => el is HTMLInputElement | HTMLTextAreaElement,
  signal: AbortSignal,
  picked: (el: HTMLInputElement | HTMLTextAreaElement | null) => void,
) => void;

// ---- page-changes.js (the page's own world) ----

interface IkaPageChanges {
  /** The event it sends on the document when the page changed in a way that can alter a report. */
  readonly HINT: string;
  /** The event that starts the watch; its detail is the selector of the elements whose coming, going or renaming is news. */
  readonly WATCH: string;
  /** Whether one change record is news. */
  isRelevant(record: MutationRecord, body: HTMLElement): boolean;
}

// ---- spotter.js ----

interface IkaSpotter {
  /** The element, among those the last report did not list (`listed`), that one of `locators` (best first) finds. */
  spot(locators: readonly Core.Locator[], listed: readonly Element[]): Element | null;
  /** The core's text normalisation (src/guide/text.rs). */
  normalise(text: string | null | undefined): string;
}

// What each content script offers those after it: one `var` at the top of
// its file. Run one by one (unit tests), that var is a global; the build
// joins the scripts, in the manifest's order, inside one function, where it
// is a local the minifier shortens (xtask/src/extension_build.rs).
declare var ikaPageFacts: IkaPageFacts;
declare var ikaClickGuard: IkaClickGuard;
declare var ikaPlacement: IkaPlacement;
/** The overlay for the page session `session`. */
declare var ikaOverlay: (session: AbortSignal) => IkaOverlay;
/** The site's key buttons: declared by key-capture.js or by fill-offer.js, whichever the site's bundle has. */
declare var ikaKeyButtons: IkaKeyButtonsFor;
declare var ikaSpotter: IkaSpotter;
/** In the page's own world, alone in its file (unit tests read it). */
declare var ikaPageChanges: IkaPageChanges;
// Injected on demand (key_fill_script), after the scripts above: globals
// of the content scripts' own world, read by guide-adapter.js with typeof.
declare var ikaFieldPick: IkaFieldPick;
declare var ikaKeyFill: (session: AbortSignal, page: FillPage) => IkaKeyFill;
