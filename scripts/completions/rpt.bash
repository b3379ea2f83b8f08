# bash completion for rpt and rpt-split/tag/extract/aggregate.
# The flags are read from each tool's --help, so they never go stale.
_rpt_flags() {
  "$1" --help 2>/dev/null | grep -oE '(^|[ ,])--?[A-Za-z0-9][A-Za-z0-9-]*' | tr -d ' ,' | sort -u
}
_rpt_values() {  # values of the flags that take a fixed set
  case "$1" in
    -u|--unit) echo "doc section paragraph sentence" ;;
    -f|--format) echo "json jsonl csv tsv md" ;;
    --engine) echo "auto hyperscan re2" ;;
    --types) echo "quantity change indicator date period citation quote org units" ;;
    --encoding) echo "auto utf-8 gb18030 utf-16le utf-16be big5" ;;
  esac
}
_rpt() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} tool=${COMP_WORDS[0]##*/}
  if [ "$tool" = rpt ]; then
    if [ "$COMP_CWORD" -eq 1 ]; then
      COMPREPLY=($(compgen -W "split tag extract aggregate --help --version" -- "$cur"))
      return
    fi
    tool=rpt-${COMP_WORDS[1]}
  fi
  local values
  values=$(_rpt_values "$prev")
  if [ -n "$values" ]; then
    COMPREPLY=($(compgen -W "$values" -- "$cur"))
  elif [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$(_rpt_flags "$tool")" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -o filenames -F _rpt rpt rpt-split rpt-tag rpt-extract rpt-aggregate
