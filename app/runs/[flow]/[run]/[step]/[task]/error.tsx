"use client"; // Error boundaries must be Client Components.
// The app's error page, here so a failure keeps the header and the rest of the layout.
export { default } from "@/app/error";
