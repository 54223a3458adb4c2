"use client";
// An editable combobox with a list popup (WAI-ARIA combobox pattern): the
// focus stays in the input, arrows move the active option, Enter picks it
// (or submits the typed text when none is active), Escape closes.
import { useEffect, useId, useRef, useState, type InputHTMLAttributes, type ReactNode } from "react";

export type ComboboxOption = {
  key: string;
  /** What the option stands for, handed to onPick. */
  value: string;
  label: ReactNode;
  /** Shown at the end of the row, e.g. a count. */
  hint?: ReactNode;
  group?: string;
};

type Props = {
  label: string;
  /** Classes of the visible label; without them the label is for screen readers only. */
  labelClassName?: string;
  value: string;
  onValueChange: (text: string) => void;
  options: ComboboxOption[];
  /** Return true to keep the list open (e.g. a "key:" was picked and its values come next). */
  onPick: (option: ComboboxOption) => boolean | void;
  /** Enter with no active option. */
  onSubmitText?: (text: string) => void;
  onOpen?: () => void;
  /** Escape or leaving the field without picking. */
  onDismiss?: () => void;
  emptyText?: string;
  /** A line under the options, e.g. "Loading…". */
  footer?: string;
  className?: string;
  inputClassName?: string;
  inputProps?: InputHTMLAttributes<HTMLInputElement> & Record<`data-${string}`, string | boolean>;
};

export function Combobox(props: Props) {
  const { label, labelClassName, value, onValueChange, options, onPick, onSubmitText, onOpen, onDismiss, emptyText, footer } = props;
  const id = useId();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const root = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLDivElement>(null);

  // New options or text: no option is active (reset while rendering, not in an effect).
  const optionsKey = `${options.length}:${value}`;
  const [seenOptionsKey, setSeenOptionsKey] = useState(optionsKey);
  if (seenOptionsKey !== optionsKey) {
    setSeenOptionsKey(optionsKey);
    setActive(-1);
  }
  useEffect(() => {
    if (active < 0) return;
    list.current?.querySelector(`[data-index="${active}"]`)?.scrollIntoView({ block: "nearest" });
  }, [active]);

  function show() {
    if (!open) onOpen?.();
    setOpen(true);
  }
  function close(dismissed: boolean) {
    setOpen(false);
    setActive(-1);
    if (dismissed) onDismiss?.();
  }
  function pick(option: ComboboxOption) {
    if (onPick(option) !== true) close(false);
  }

  function onKeyDown(e: React.KeyboardEvent<HTMLInputElement>) {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (!open) return show();
      const n = options.length;
      if (!n) return;
      setActive((i) => (e.key === "ArrowDown" ? (i + 1) % n : i <= 0 ? n - 1 : i - 1));
    } else if (e.key === "Enter") {
      if (open && active >= 0 && options[active]) {
        e.preventDefault();
        pick(options[active]);
      } else if (onSubmitText && value.trim()) {
        e.preventDefault();
        close(false);
        onSubmitText(value.trim());
      }
    } else if (e.key === "Escape") {
      if (open) {
        e.preventDefault();
        close(true);
      }
    }
  }

  const listId = `${id}-list`;
  const optionId = (i: number) => `${id}-opt-${i}`;
  const groups = groupOptions(options);

  return (
    <div
      ref={root}
      className={props.className}
      onBlur={(e) => {
        if (!root.current?.contains(e.relatedTarget as Node | null)) close(open);
      }}
    >
      <label htmlFor={`${id}-input`} className={labelClassName ?? "sr-only"}>
        {label}
      </label>
      <div className="relative">
        <input
          {...props.inputProps}
          id={`${id}-input`}
          role="combobox"
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={open && active >= 0 ? optionId(active) : undefined}
          autoComplete="off"
          spellCheck={false}
          value={value}
          onChange={(e) => {
            onValueChange(e.target.value);
            show();
          }}
          onFocus={(e) => {
            e.target.select();
            show();
          }}
          onClick={show}
          onKeyDown={onKeyDown}
          className={props.inputClassName ?? INPUT}
        />
        <div
          ref={list}
          id={listId}
          role="listbox"
          aria-label={label}
          hidden={!open}
          // On a phone the list spans the screen below the field (a fixed box keeps its place in the flow, but not its width).
          className="absolute top-full left-0 z-30 mt-1 max-h-80 w-max max-w-[min(28rem,90vw)] min-w-full overflow-y-auto max-sm:fixed max-sm:inset-x-4 max-sm:top-auto max-sm:left-4 max-sm:w-auto max-sm:max-w-none max-sm:min-w-0 rounded-md border border-zinc-200 bg-white py-1 text-sm shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
        >
          {options.length === 0 ? (
            <p className="px-3 py-2 text-zinc-500 dark:text-zinc-400">{emptyText ?? "No matches"}</p>
          ) : (
            groups.map(({ group, items }) => {
              const rows = items.map(({ option, index }) => (
                <div
                  key={option.key}
                  id={optionId(index)}
                  data-index={index}
                  role="option"
                  aria-selected={index === active}
                  // Keep the focus in the input; pick on click.
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => pick(option)}
                  onMouseMove={() => active !== index && setActive(index)}
                  className={`flex cursor-pointer items-center justify-between gap-4 px-3 py-1.5 ${
                    index === active ? "bg-sky-50 text-sky-900 dark:bg-sky-900/40 dark:text-sky-100" : ""
                  }`}
                >
                  <span className="min-w-0 truncate">{option.label}</span>
                  {option.hint !== undefined ? <span className="shrink-0 text-xs text-zinc-500 dark:text-zinc-400">{option.hint}</span> : null}
                </div>
              ));
              if (!group) return <div key="_">{rows}</div>;
              const headerId = `${id}-g-${group}`;
              return (
                <div key={group} role="group" aria-labelledby={headerId}>
                  <div id={headerId} className="px-3 pt-2 pb-1 text-[11px] font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
                    {group}
                  </div>
                  {rows}
                </div>
              );
            })
          )}
          {footer && options.length ? <p className="px-3 py-1.5 text-xs text-zinc-500 dark:text-zinc-400">{footer}</p> : null}
        </div>
      </div>
    </div>
  );
}

function groupOptions(options: ComboboxOption[]) {
  const out: { group?: string; items: { option: ComboboxOption; index: number }[] }[] = [];
  options.forEach((option, index) => {
    const last = out.at(-1);
    if (last && last.group === option.group) last.items.push({ option, index });
    else out.push({ group: option.group, items: [{ option, index }] });
  });
  return out;
}

export const INPUT =
  "w-full rounded-md border border-zinc-300 bg-white px-2.5 py-1.5 text-sm placeholder:text-zinc-400 focus:border-sky-600 focus:ring-2 focus:ring-sky-600/30 focus:outline-none dark:border-zinc-700 dark:bg-zinc-900";
