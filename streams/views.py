"""Views of articles beyond the page itself: the PDF download."""

from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Locale

from streams import pdf
from streams.models import ArticlePage


def article_pdf(request, pk):
    article = (
        ArticlePage.objects.live()
        .public()
        .filter(pk=pk, locale=Locale.get_active())
        .select_related("image")
        .first()
    )
    if article is None:
        raise Http404(_("Dit artikel bestaat niet."))
    if not pdf.available():
        return render(request, "streams/pdf_unavailable.html", {"article": article}, status=503)
    key = pdf.cache_key(article)
    document = cache.get(key)
    if document is None:
        document = pdf.render_pdf(article, request)
        cache.set(key, document, pdf.CACHE_SECONDS)
    response = HttpResponse(document, content_type="application/pdf")
    filename = f"{slugify(article.title)[:80] or 'artikel'}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
