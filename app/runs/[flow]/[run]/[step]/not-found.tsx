// The step and task pages share one not-found view (it reads which was asked for from the URL).
export { default } from "@/components/detail/step-or-task-not-found";
