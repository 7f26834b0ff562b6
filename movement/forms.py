from django import forms


class AccessibleFormMixin(forms.BaseForm):
    """Links each field's error to the field (aria-describedby) and enforces max lengths in HTML."""

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name not in self.fields:
                continue
            widget = self.fields[name].widget
            bound = self[name]
            described = widget.attrs.get("aria-describedby", "")
            error_id = f"{bound.auto_id}_error"
            if error_id not in described:
                ids = [described, error_id] if described else [error_id]
                if self.fields[name].help_text:
                    ids.insert(0, f"{bound.auto_id}_helptext")
                widget.attrs["aria-describedby"] = " ".join(dict.fromkeys(i for i in ids if i))
